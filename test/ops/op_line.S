%% op_line: runs the line instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_line}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 18}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_line.erl",3}]}.
    {func_info,{atom,op_line},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_line.erl",4}]}.
    {func_info,{atom,op_line},{atom,start},0}.
  {label,4}.
    {allocate,1,0}.
    {'try',{y,0},{f,5}}.
    {move,{integer,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,8}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_integer,any}}]}}.
    {try_end,{y,0}}.
    {deallocate,1}.
    return.
  {label,5}.
    {try_case,{y,0}}.
    {test,is_eq_exact,
          {f,6},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test,is_eq_exact,{f,6},[{x,1},{atom,badarith}]}.
    {move,{x,2},{x,0}}.
    build_stacktrace.
    {call_last,1,{f,14},1}. % '-start/0-lc$^0/1-0-'/1
  {label,6}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.


{function, f, 1, 8}.
  {label,7}.
    {line,[{location,"op_line.erl",5}]}.
    {func_info,{atom,op_line},{atom,f},1}.
  {label,8}.
    {allocate,0,1}.
    {line,[{location,"op_line.erl",6}]}.
    {call,1,{f,2}}. % id/1
    {line,[{location,"op_line.erl",7}]}.
    {gc_bif,'div',{f,0},1,[{integer,10},{x,0}],{x,0}}.
    {deallocate,0}.
    return.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_line},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_line},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_line},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_line},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_line.erl",4}]}.
    {func_info,{atom,op_line},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,14}.
    {test,is_nonempty_list,{f,16},[{x,0}]}.
    {get_list,{x,0},{x,1},{x,0}}.
    {test,is_tagged_tuple,{f,15},[{x,1},4,{atom,op_line}]}.
    {allocate,2,2}.
    {move,{x,1},{y,0}}.
    {move,{x,0},{y,1}}.
    {get_tuple_element,{x,1},3,{x,1}}.
    {move,{atom,line},{x,0}}.
    {call_ext,2,{extfunc,proplists,get_value,2}}.
    {swap,{y,1},{x,0}}.
    {call,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,{t_tuple,3,true,#{}},nil}}]}}.
    {test_heap,6,1}.
    {get_tuple_element,{y,0},1,{x,1}}.
    {get_tuple_element,{y,0},2,{x,2}}.
    {put_tuple2,{x,1},{list,[{x,1},{x,2},{y,1}]}}.
    {put_list,{x,1},{x,0},{x,0}}.
    {deallocate,2}.
    return.
  {label,15}.
    {call_only,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
  {label,16}.
    {test,is_nil,{f,17},[{x,0}]}.
    return.
  {label,17}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{atom,bad_generator},{x,0}]}}.
    {call_ext_only,1,{extfunc,erlang,error,1}}.
