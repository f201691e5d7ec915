%% op_call: runs the call instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_call}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{sq,1},{start,0}]}.

{attributes, []}.

{labels, 11}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_call.erl",3}]}.
    {func_info,{atom,op_call},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_call.erl",4}]}.
    {func_info,{atom,op_call},{atom,start},0}.
  {label,4}.
    {allocate,2,0}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {move,{integer,3},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % sq/1
    {'%',{var_info,{x,0},[{type,number}]}}.
    {move,{x,0},{y,1}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % sq/1
    {'%',{var_info,{x,0},[{type,number}]}}.
    {move,{x,0},{y,0}}.
    {move,{integer,-2},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % sq/1
    {'%',{var_info,{x,0},[{type,number}]}}.
    {gc_bif,'+',{f,0},1,[{tr,{x,0},number},{integer,1}],{x,0}}.
    {test_heap,4,1}.
    {put_tuple2,{x,0},{list,[{y,1},{y,0},{x,0}]}}.
    {deallocate,2}.
    return.


{function, sq, 1, 6}.
  {label,5}.
    {line,[{location,"op_call.erl",5}]}.
    {func_info,{atom,op_call},{atom,sq},1}.
  {label,6}.
    {gc_bif,'*',{f,0},1,[{x,0},{x,0}],{x,0}}.
    return.


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_call},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_call},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_call},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_call},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
