%% op_call_ext_only: runs the call_ext_only instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_call_ext_only}.  %% version = 0

{exports, [{f,1},{g,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 13}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_call_ext_only.erl",3}]}.
    {func_info,{atom,op_call_ext_only},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_call_ext_only.erl",4}]}.
    {func_info,{atom,op_call_ext_only},{atom,start},0}.
  {label,4}.
    {allocate,1,0}.
    {init_yregs,{list,[{y,0}]}}.
    {move,{literal,[b,a]},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_list,any,nil}}]}}.
    {move,{x,0},{y,0}}.
    {move,{integer,42},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,8}}. % g/1
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0}]}}.
    {deallocate,1}.
    return.


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_call_ext_only.erl",5}]}.
    {func_info,{atom,op_call_ext_only},{atom,f},1}.
  {label,6}.
    {call_ext_only,1,{extfunc,lists,sort,1}}.


{function, g, 1, 8}.
  {label,7}.
    {line,[{location,"op_call_ext_only.erl",6}]}.
    {func_info,{atom,op_call_ext_only},{atom,g},1}.
  {label,8}.
    {call_ext_only,1,{extfunc,erlang,integer_to_list,1}}.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_call_ext_only},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_call_ext_only},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_call_ext_only},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_call_ext_only},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
