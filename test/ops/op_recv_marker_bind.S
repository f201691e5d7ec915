%% op_recv_marker_bind: runs the recv_marker_bind instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_recv_marker_bind}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 13}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_recv_marker_bind.erl",3}]}.
    {func_info,{atom,op_recv_marker_bind},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_recv_marker_bind.erl",4}]}.
    {func_info,{atom,op_recv_marker_bind},{atom,start},0}.
  {label,4}.
    {allocate,1,0}.
    {init_yregs,{list,[{y,0}]}}.
    {bif,self,{f,0},[],{x,0}}.
    {move,{literal,{other,1}},{x,1}}.
    send.
    {recv_marker_reserve,{y,0}}.
    {call_ext,0,{extfunc,erlang,make_ref,0}}.
    {test_heap,3,1}.
    {bif,self,{f,0},[],{x,1}}.
    {put_tuple2,{x,2},{list,[{x,0},{atom,reply}]}}.
    {recv_marker_bind,{y,0},{x,0}}.
    {move,{x,0},{y,0}}.
    {move,{x,1},{x,0}}.
    {move,{x,2},{x,1}}.
    {line,[{location,"op_recv_marker_bind.erl",5}]}.
    send.
    {recv_marker_use,{y,0}}.
  {label,5}.
    {loop_rec,{f,8},{x,0}}.
    {test,is_tuple,{f,7},[{x,0}]}.
    {test,test_arity,{f,7},[{x,0},2]}.
    {get_tuple_element,{x,0},0,{x,1}}.
    {test,is_eq_exact,{f,7},[{x,1},{tr,{y,0},reference}]}.
    {recv_marker_clear,{y,0}}.
    remove_message.
    {get_tuple_element,{x,0},1,{y,0}}.
    {loop_rec,{f,6},{x,0}}.
    {test_heap,3,1}.
    remove_message.
    {put_tuple2,{x,0},{list,[{y,0},{x,0}]}}.
    {deallocate,1}.
    return.
  {label,6}.
    timeout.
    {test_heap,3,0}.
    {put_tuple2,{x,0},{list,[{y,0},{atom,none}]}}.
    {deallocate,1}.
    return.
  {label,7}.
    {loop_rec_end,{f,5}}.
  {label,8}.
    {wait,{f,5}}.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_recv_marker_bind},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_recv_marker_bind},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_recv_marker_bind},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_recv_marker_bind},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
