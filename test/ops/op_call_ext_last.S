%% op_call_ext_last: runs the call_ext_last instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_call_ext_last}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 11}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_call_ext_last.erl",3}]}.
    {func_info,{atom,op_call_ext_last},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_call_ext_last.erl",4}]}.
    {func_info,{atom,op_call_ext_last},{atom,start},0}.
  {label,4}.
    {allocate,0,0}.
    {move,{literal,[3,1,2]},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call_last,1,{f,6},0}. % f/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_call_ext_last.erl",5}]}.
    {func_info,{atom,op_call_ext_last},{atom,f},1}.
  {label,6}.
    {allocate,0,1}.
    {call_ext,1,{extfunc,lists,sort,1}}.
    {call,1,{f,2}}. % id/1
    {call_ext_last,1,{extfunc,lists,reverse,1},0}.


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_call_ext_last},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_call_ext_last},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_call_ext_last},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_call_ext_last},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
