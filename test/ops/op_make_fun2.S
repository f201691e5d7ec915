%% op_make_fun2: runs the make_fun2 instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Hand-edited from erlc -S output: the first make_fun3 replaced by make_fun2 (free variables in x0, x1).
{module, op_make_fun2}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 13}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_make_fun2.erl",3}]}.
    {func_info,{atom,op_make_fun2},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_make_fun2.erl",4}]}.
    {func_info,{atom,op_make_fun2},{atom,start},0}.
  {label,4}.
    {allocate,2,0}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {move,{integer,10},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
    {move,{atom,x},{x,0}}.
    {call,1,{f,2}}. % id/1
    {test_heap,{alloc,[{words,2},{floats,0},{funs,1}]},1}.
    {move,{x,0},{x,1}}.
    {move,{y,1},{x,0}}.
    {make_fun2,{f,12},0,0,2}.
    {'%',{var_info,{x,0},[{fun_type,{t_tuple,2,true,#{1 => number}}}]}}.
    {call,1,{f,2}}. % id/1
    {test_heap,{alloc,[{words,1},{floats,0},{funs,1}]},1}.
    {make_fun3,{f,10},0,0,{x,1},{list,[{y,1}]}}.
    {move,{x,0},{y,1}}.
    {move,{x,1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,0}}.
    {move,{y,1},{x,1}}.
    {init_yregs,{list,[{y,1}]}}.
    {move,{integer,1},{x,0}}.
    {line,[{location,"op_make_fun2.erl",5}]}.
    {call_fun,1}.
    {move,{x,0},{y,1}}.
    {move,{y,0},{x,0}}.
    {trim,1,1}.
    {call_fun,0}.
    {test_heap,4,1}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0},{atom,true}]}}.
    {deallocate,1}.
    return.


{function, module_info, 0, 6}.
  {label,5}.
    {line,[]}.
    {func_info,{atom,op_make_fun2},{atom,module_info},0}.
  {label,6}.
    {move,{atom,op_make_fun2},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_make_fun2},{atom,module_info},1}.
  {label,8}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_make_fun2},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-fun-1-', 1, 10}.
  {label,9}.
    {line,[{location,"op_make_fun2.erl",4}]}.
    {func_info,{atom,op_make_fun2},{atom,'-start/0-fun-1-'},1}.
  {label,10}.
    return.


{function, '-start/0-fun-0-', 3, 12}.
  {label,11}.
    {line,[{location,"op_make_fun2.erl",4}]}.
    {func_info,{atom,op_make_fun2},{atom,'-start/0-fun-0-'},3}.
  {label,12}.
    {gc_bif,'+',{f,0},3,[{x,1},{x,0}],{x,0}}.
    {test_heap,3,3}.
    {put_tuple2,{x,0},{list,[{x,0},{x,2}]}}.
    return.
