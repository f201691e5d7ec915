%% op_jump: runs the jump instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_jump}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 18}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_jump.erl",3}]}.
    {func_info,{atom,op_jump},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_jump.erl",4}]}.
    {func_info,{atom,op_jump},{atom,start},0}.
  {label,4}.
    {move,{literal,[1,2,3]},{x,0}}.
    {call_only,1,{f,16}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_jump.erl",5}]}.
    {func_info,{atom,op_jump},{atom,f},1}.
  {label,6}.
    {allocate,3,1}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {move,{x,0},{y,2}}.
    {select_val,{x,0},{f,9},{list,[{integer,1},{f,8},{integer,2},{f,7}]}}.
  {label,7}.
    {move,{atom,b},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
    {jump,{f,10}}.
  {label,8}.
    {move,{atom,a},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
    {jump,{f,10}}.
  {label,9}.
    {move,{atom,c},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
  {label,10}.
    {test_heap,3,0}.
    {put_tuple2,{x,0},{list,[{y,1},{y,2}]}}.
    {line,[{location,"op_jump.erl",6}]}.
    {call,1,{f,2}}. % id/1
    {test_heap,4,1}.
    {put_list,{y,1},nil,{x,1}}.
    {put_list,{x,0},{x,1},{x,1}}.
    {move,{x,0},{y,0}}.
    {move,{x,1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {test_heap,3,1}.
    {put_tuple2,{x,1},{list,[{x,0},{y,0}]}}.
    {move,{x,0},{y,0}}.
    {move,{x,1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {swap,{y,1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {swap,{y,2},{x,0}}.
    {call,1,{f,2}}. % id/1
    {swap,{y,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {test_heap,5,1}.
    {put_tuple2,{x,0},{list,[{y,1},{y,2},{y,0},{x,0}]}}.
    {deallocate,3}.
    return.


{function, module_info, 0, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_jump},{atom,module_info},0}.
  {label,12}.
    {move,{atom,op_jump},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 14}.
  {label,13}.
    {line,[]}.
    {func_info,{atom,op_jump},{atom,module_info},1}.
  {label,14}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_jump},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 16}.
  {label,15}.
    {line,[{location,"op_jump.erl",4}]}.
    {func_info,{atom,op_jump},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,16}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_integer,{1,3}},nil}}]}}.
    {test,is_nonempty_list,{f,17},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_tuple,4,true,#{}}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,16}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,{t_tuple,4,true,#{}},nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,17}.
    return.
