%% op_allocate: runs the allocate instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_allocate}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 9}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_allocate.erl",3}]}.
    {func_info,{atom,op_allocate},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_allocate.erl",4}]}.
    {func_info,{atom,op_allocate},{atom,start},0}.
  {label,4}.
    {allocate,2,0}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {move,{integer,5},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
    {call,1,{f,2}}. % id/1
    {gc_bif,'+',{f,0},1,[{x,0},{integer,1}],{y,0}}.
    {move,{y,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {test_heap,4,1}.
    {put_tuple2,{x,0},{list,[{y,1},{y,0},{x,0}]}}.
    {deallocate,2}.
    return.


{function, module_info, 0, 6}.
  {label,5}.
    {line,[]}.
    {func_info,{atom,op_allocate},{atom,module_info},0}.
  {label,6}.
    {move,{atom,op_allocate},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_allocate},{atom,module_info},1}.
  {label,8}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_allocate},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
