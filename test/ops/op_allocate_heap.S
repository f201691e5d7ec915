%% op_allocate_heap: runs the allocate_heap instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_allocate_heap}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 11}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_allocate_heap.erl",3}]}.
    {func_info,{atom,op_allocate_heap},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_allocate_heap.erl",4}]}.
    {func_info,{atom,op_allocate_heap},{atom,start},0}.
  {label,4}.
    {allocate,1,0}.
    {init_yregs,{list,[{y,0}]}}.
    {move,{atom,a},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,0}}.
    {move,{atom,b},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{y,0},{x,0}}.
    {call_last,2,{f,6},1}. % f/2


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_allocate_heap.erl",5}]}.
    {func_info,{atom,op_allocate_heap},{atom,f},2}.
  {label,6}.
    {allocate_heap,3,3,2}.
    {move,{x,1},{y,1}}.
    {move,{x,0},{y,2}}.
    {put_tuple2,{y,0},{list,[{x,0},{x,1}]}}.
    {move,{y,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {test_heap,7,0}.
    {put_tuple2,{x,0},{list,[{y,1},{y,2}]}}.
    {put_list,{x,0},nil,{x,0}}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,3}.
    return.


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_allocate_heap},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_allocate_heap},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_allocate_heap},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_allocate_heap},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
