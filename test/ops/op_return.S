%% op_return: runs the return instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_return}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 12}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_return.erl",3}]}.
    {func_info,{atom,op_return},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_return.erl",4}]}.
    {func_info,{atom,op_return},{atom,start},0}.
  {label,4}.
    {allocate,1,0}.
    {init_yregs,{list,[{y,0}]}}.
    {move,{integer,1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {move,{x,0},{y,0}}.
    {move,{integer,2},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0}]}}.
    {deallocate,1}.
    return.


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_return.erl",5}]}.
    {func_info,{atom,op_return},{atom,f},1}.
  {label,6}.
    {test,is_eq_exact,{f,7},[{x,0},{integer,1}]}.
    {move,{atom,one},{x,0}}.
    return.
  {label,7}.
    return.


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_return},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_return},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_return},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_return},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
