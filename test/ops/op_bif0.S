%% op_bif0: runs the bif0 instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_bif0}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 9}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_bif0.erl",3}]}.
    {func_info,{atom,op_bif0},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_bif0.erl",4}]}.
    {func_info,{atom,op_bif0},{atom,start},0}.
  {label,4}.
    {allocate,3,0}.
    {bif,self,{f,0},[],{y,2}}.
    {bif,node,{f,0},[],{y,1}}.
    {bif,is_pid,{f,0},[{y,2}],{y,0}}.
    {move,{y,2},{x,0}}.
    {call,1,{f,2}}. % id/1
    {test_heap,4,1}.
    {bif,'=:=',{f,0},[{y,2},{x,0}],{x,0}}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0},{y,1}]}}.
    {deallocate,3}.
    return.


{function, module_info, 0, 6}.
  {label,5}.
    {line,[]}.
    {func_info,{atom,op_bif0},{atom,module_info},0}.
  {label,6}.
    {move,{atom,op_bif0},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_bif0},{atom,module_info},1}.
  {label,8}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_bif0},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
