%% op_init_yregs: runs the init_yregs instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_init_yregs}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 15}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_init_yregs.erl",3}]}.
    {func_info,{atom,op_init_yregs},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_init_yregs.erl",4}]}.
    {func_info,{atom,op_init_yregs},{atom,start},0}.
  {label,4}.
    {move,{literal,[1,2]},{x,0}}.
    {call_only,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_init_yregs.erl",5}]}.
    {func_info,{atom,op_init_yregs},{atom,f},1}.
  {label,6}.
    {allocate,2,1}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {line,[{location,"op_init_yregs.erl",6}]}.
    {call,1,{f,2}}. % id/1
    {test,is_eq_exact,{f,7},[{x,0},{integer,1}]}.
    {move,{atom,a},{x,0}}.
    {line,[{location,"op_init_yregs.erl",7}]}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
    {move,{atom,b},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,0}}.
    {move,{y,1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {test_heap,3,0}.
    {put_tuple2,{x,0},{list,[{y,1},{y,0}]}}.
    {deallocate,2}.
    return.
  {label,7}.
    {move,{atom,x},{x,0}}.
    {line,[{location,"op_init_yregs.erl",8}]}.
    {call,1,{f,2}}. % id/1
    {move,{literal,{none}},{x,0}}.
    {deallocate,2}.
    return.


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_init_yregs},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_init_yregs},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_init_yregs},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_init_yregs},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 13}.
  {label,12}.
    {line,[{location,"op_init_yregs.erl",4}]}.
    {func_info,{atom,op_init_yregs},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,13}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_integer,{1,2}},nil}}]}}.
    {test,is_nonempty_list,{f,14},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_tuple,1,false,#{}}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,{t_tuple,1,false,#{}},nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,14}.
    return.
