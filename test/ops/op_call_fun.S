%% op_call_fun: runs the call_fun instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_call_fun}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 15}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_call_fun.erl",3}]}.
    {func_info,{atom,op_call_fun},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_call_fun.erl",4}]}.
    {func_info,{atom,op_call_fun},{atom,start},0}.
  {label,4}.
    {allocate_heap,5,{alloc,[{words,0},{floats,0},{funs,1}]},0}.
    {init_yregs,{list,[{y,0},{y,1},{y,2},{y,3},{y,4}]}}.
    {make_fun3,{f,14},0,0,{x,0},{list,[]}}.
    {'%',{var_info,{x,0},[{fun_type,number}]}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,3}}.
    {move,{literal,fun lists:reverse/1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,4}}.
    {move,{integer,21},{x,0}}.
    {line,[{location,"op_call_fun.erl",5}]}.
    {call,1,{f,2}}. % id/1
    {move,{y,3},{x,1}}.
    {call_fun,1}.
    {move,{x,0},{y,2}}.
    {move,{literal,[1,2]},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{y,4},{x,1}}.
    {init_yregs,{list,[{y,4}]}}.
    {call_fun,1}.
    {move,{x,0},{y,1}}.
    {'try',{y,4},{f,5}}.
    {move,{atom,notfun},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{integer,1},{x,0}}.
    {call_fun,1}.
    {try_end,{y,4}}.
    {move,{x,0},{y,0}}.
    {jump,{f,6}}.
  {label,5}.
    {try_case,{y,4}}.
    {test,is_eq_exact,
          {f,8},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {move,{x,1},{y,0}}.
  {label,6}.
    {'try',{y,4},{f,7}}.
    {move,{integer,2},{x,1}}.
    {move,{y,3},{x,2}}.
    {init_yregs,{list,[{y,3}]}}.
    {move,{integer,1},{x,0}}.
    {line,[{scope,[2,3]},{location,"op_call_fun.erl",6}]}.
    {call_fun2,{atom,unsafe},2,{tr,{x,2},{t_fun,1,any,any}}}.
  {label,7}.
    {try_case,{y,4}}.
    {test,is_eq_exact,
          {f,8},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test,is_tagged_tuple,{f,8},[{x,1},2,{atom,badarity}]}.
    {test_heap,5,0}.
    {put_tuple2,{x,0},{list,[{y,2},{y,1},{y,0},{atom,badarity}]}}.
    {deallocate,5}.
    return.
  {label,8}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_call_fun},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_call_fun},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_call_fun},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_call_fun},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-fun-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_call_fun.erl",4}]}.
    {func_info,{atom,op_call_fun},{atom,'-start/0-fun-0-'},1}.
  {label,14}.
    {gc_bif,'*',{f,0},1,[{x,0},{integer,2}],{x,0}}.
    return.
