%% op_wait_timeout: runs the wait_timeout instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_wait_timeout}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 25}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_wait_timeout.erl",3}]}.
    {func_info,{atom,op_wait_timeout},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_wait_timeout.erl",4}]}.
    {func_info,{atom,op_wait_timeout},{atom,start},0}.
  {label,4}.
    {allocate,4,0}.
    {init_yregs,{list,[{y,0},{y,1},{y,2},{y,3}]}}.
  {label,5}.
    {loop_rec,{f,7},{x,0}}.
    {test,is_eq_exact,{f,6},[{x,0},{atom,never}]}.
    remove_message.
    {move,{atom,never},{y,2}}.
    {jump,{f,8}}.
  {label,6}.
    {loop_rec_end,{f,5}}.
  {label,7}.
    {wait_timeout,{f,5},{integer,10}}.
    timeout.
    {move,{atom,timed_out},{y,2}}.
  {label,8}.
    {test_heap,{alloc,[{words,1},{floats,0},{funs,1}]},0}.
    {bif,self,{f,0},[],{x,0}}.
    {make_fun3,{f,24},0,0,{x,0},{list,[{x,0}]}}.
    {line,[{scope,[3]},{location,"op_wait_timeout.erl",5}]}.
    {call_ext,1,{extfunc,erlang,spawn,1}}.
  {label,9}.
    {loop_rec,{f,11},{x,0}}.
    {test,is_eq_exact,{f,10},[{x,0},{atom,ping}]}.
    remove_message.
    {move,{atom,pong},{y,1}}.
    {jump,{f,12}}.
  {label,10}.
    {loop_rec_end,{f,9}}.
  {label,11}.
    {wait_timeout,{f,9},{integer,5000}}.
    timeout.
    {move,{atom,too_slow},{y,1}}.
  {label,12}.
    {'try',{y,3},{f,17}}.
    {move,{atom,bad},{x,0}}.
    {line,[{scope,[3]},{location,"op_wait_timeout.erl",7}]}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,0}}.
  {label,13}.
    {loop_rec,{f,15},{x,0}}.
    {test,is_eq_exact,{f,14},[{x,0},{atom,never}]}.
    remove_message.
    {move,{atom,x},{x,0}}.
    {jump,{f,16}}.
  {label,14}.
    {loop_rec_end,{f,13}}.
  {label,15}.
    {wait_timeout,{f,13},{y,0}}.
    timeout.
    {move,{atom,y},{x,0}}.
  {label,16}.
    {try_end,{y,3}}.
    {test_heap,4,1}.
    {put_tuple2,{x,0},{list,[{y,2},{y,1},{x,0}]}}.
    {deallocate,4}.
    return.
  {label,17}.
    {try_case,{y,3}}.
    {test,is_eq_exact,
          {f,18},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test_heap,7,2}.
    {put_tuple2,{x,0},{list,[{atom,error},{x,1}]}}.
    {put_tuple2,{x,0},{list,[{y,2},{y,1},{x,0}]}}.
    {deallocate,4}.
    return.
  {label,18}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.


{function, module_info, 0, 20}.
  {label,19}.
    {line,[]}.
    {func_info,{atom,op_wait_timeout},{atom,module_info},0}.
  {label,20}.
    {move,{atom,op_wait_timeout},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 22}.
  {label,21}.
    {line,[]}.
    {func_info,{atom,op_wait_timeout},{atom,module_info},1}.
  {label,22}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_wait_timeout},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-fun-0-', 1, 24}.
  {label,23}.
    {line,[{location,"op_wait_timeout.erl",5}]}.
    {func_info,{atom,op_wait_timeout},{atom,'-start/0-fun-0-'},1}.
  {label,24}.
    {allocate,0,1}.
    {move,{atom,ping},{x,1}}.
    send.
    {deallocate,0}.
    return.
