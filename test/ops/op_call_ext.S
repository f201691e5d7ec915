%% op_call_ext: runs the call_ext instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_call_ext}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 9}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_call_ext.erl",3}]}.
    {func_info,{atom,op_call_ext},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_call_ext.erl",4}]}.
    {func_info,{atom,op_call_ext},{atom,start},0}.
  {label,4}.
    {allocate,1,0}.
    {init_yregs,{list,[{y,0}]}}.
    {move,{literal,[1,2,3]},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call_ext,1,{extfunc,lists,reverse,1}}.
    {move,{x,0},{y,0}}.
    {move,{atom,abc},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call_ext,1,{extfunc,erlang,atom_to_list,1}}.
    {gc_bif,length,{f,0},1,[{tr,{y,0},{t_list,any,nil}}],{x,1}}.
    {test_heap,4,2}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0},{x,1}]}}.
    {deallocate,1}.
    return.


{function, module_info, 0, 6}.
  {label,5}.
    {line,[]}.
    {func_info,{atom,op_call_ext},{atom,module_info},0}.
  {label,6}.
    {move,{atom,op_call_ext},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_call_ext},{atom,module_info},1}.
  {label,8}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_call_ext},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
