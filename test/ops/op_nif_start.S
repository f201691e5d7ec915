%% op_nif_start: runs the nif_start instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_nif_start}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 11}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_nif_start.erl",4}]}.
    {func_info,{atom,op_nif_start},{atom,id},1}.
  {label,2}.
    return.


{function, f, 1, 4}.
  {label,3}.
    {line,[{location,"op_nif_start.erl",5}]}.
    {func_info,{atom,op_nif_start},{atom,f},1}.
  {label,4}.
    {test_heap,3,1}.
    nif_start.
    {put_tuple2,{x,0},{list,[{atom,not_a_nif},{x,0}]}}.
    return.


{function, start, 0, 6}.
  {label,5}.
    {line,[{location,"op_nif_start.erl",6}]}.
    {func_info,{atom,op_nif_start},{atom,start},0}.
  {label,6}.
    {allocate,0,0}.
    {move,{integer,1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call_last,1,{f,4},0}. % f/1


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_nif_start},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_nif_start},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_nif_start},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_nif_start},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
