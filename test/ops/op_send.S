%% op_send: runs the send instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_send}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 16}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_send.erl",3}]}.
    {func_info,{atom,op_send},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_send.erl",4}]}.
    {func_info,{atom,op_send},{atom,start},0}.
  {label,4}.
    {allocate,4,0}.
    {init_yregs,{list,[{y,0},{y,1},{y,2}]}}.
    {bif,self,{f,0},[],{y,3}}.
    {move,{atom,hello},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{y,3},{x,0}}.
    {init_yregs,{list,[{y,3}]}}.
    send.
    {bif,self,{f,0},[],{y,3}}.
    {move,{literal,{x,1}},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{y,3},{x,0}}.
    {init_yregs,{list,[{y,3}]}}.
    send.
    {move,{x,0},{y,2}}.
  {label,5}.
    {loop_rec,{f,11},{x,0}}.
    {move,{x,0},{y,1}}.
    remove_message.
  {label,6}.
    {loop_rec,{f,10},{x,0}}.
    {move,{x,0},{y,0}}.
    remove_message.
    {'try',{y,3},{f,7}}.
    {move,{atom,not_a_pid},{x,0}}.
    {line,[{scope,[0,3]},{location,"op_send.erl",6}]}.
    {call,1,{f,2}}. % id/1
    {move,{atom,x},{x,1}}.
    send.
    {try_end,{y,3}}.
    {jump,{f,8}}.
  {label,7}.
    {try_case,{y,3}}.
    {test,is_eq_exact,
          {f,9},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,error},{x,1}]}}.
  {label,8}.
    {test_heap,5,1}.
    {put_tuple2,{x,0},{list,[{y,2},{y,1},{y,0},{x,0}]}}.
    {deallocate,4}.
    return.
  {label,9}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.
  {label,10}.
    {wait,{f,6}}.
  {label,11}.
    {wait,{f,5}}.


{function, module_info, 0, 13}.
  {label,12}.
    {line,[]}.
    {func_info,{atom,op_send},{atom,module_info},0}.
  {label,13}.
    {move,{atom,op_send},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 15}.
  {label,14}.
    {line,[]}.
    {func_info,{atom,op_send},{atom,module_info},1}.
  {label,15}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_send},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
