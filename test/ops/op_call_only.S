%% op_call_only: runs the call_only instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_call_only}.  %% version = 0

{exports, [{id,1},{loop,2},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 12}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_call_only.erl",3}]}.
    {func_info,{atom,op_call_only},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_call_only.erl",4}]}.
    {func_info,{atom,op_call_only},{atom,start},0}.
  {label,4}.
    {allocate,2,0}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {move,{integer,10},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
    {move,{integer,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{y,1},{x,0}}.
    {init_yregs,{list,[{y,1}]}}.
    {call,2,{f,6}}. % loop/2
    {move,{x,0},{y,1}}.
    {move,{integer,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,0}}.
    {move,{integer,7},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{y,0},{x,0}}.
    {trim,1,1}.
    {call,2,{f,6}}. % loop/2
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0}]}}.
    {deallocate,1}.
    return.


{function, loop, 2, 6}.
  {label,5}.
    {line,[{location,"op_call_only.erl",5}]}.
    {func_info,{atom,op_call_only},{atom,loop},2}.
  {label,6}.
    {test,is_eq_exact,{f,7},[{x,0},{integer,0}]}.
    {move,{x,1},{x,0}}.
    return.
  {label,7}.
    {line,[{location,"op_call_only.erl",6}]}.
    {gc_bif,'-',{f,0},2,[{x,0},{integer,1}],{x,2}}.
    {gc_bif,'+',{f,0},3,[{x,1},{tr,{x,0},number}],{x,1}}.
    {move,{x,2},{x,0}}.
    {call_only,2,{f,6}}. % loop/2


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_call_only},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_call_only},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_call_only},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_call_only},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
