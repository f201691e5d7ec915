%% op_on_load: runs the on_load instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_on_load}.  %% version = 0

{exports, [{id,1},{init,0},{module_info,0},{module_info,1},{start,0}]}.

{attributes, [{on_load,[{init,0}]}]}.

{labels, 11}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_on_load.erl",4}]}.
    {func_info,{atom,op_on_load},{atom,id},1}.
  {label,2}.
    return.


{function, init, 0, 4}.
  {label,3}.
    {line,[{location,"op_on_load.erl",5}]}.
    {func_info,{atom,op_on_load},{atom,init},0}.
  {label,4}.
    {allocate,0,0}.
    {move,{atom,yes},{x,1}}.
    {move,{atom,op_on_load_ran},{x,0}}.
    {call_ext,2,{extfunc,persistent_term,put,2}}.
    {move,{atom,ok},{x,0}}.
    {deallocate,0}.
    return.


{function, start, 0, 6}.
  {label,5}.
    {line,[{location,"op_on_load.erl",6}]}.
    {func_info,{atom,op_on_load},{atom,start},0}.
  {label,6}.
    {move,{atom,no},{x,1}}.
    {move,{atom,op_on_load_ran},{x,0}}.
    {call_ext_only,2,{extfunc,persistent_term,get,2}}.


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_on_load},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_on_load},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_on_load},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_on_load},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
