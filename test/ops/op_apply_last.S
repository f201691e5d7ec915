%% op_apply_last: runs the apply_last instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_apply_last}.  %% version = 0

{exports, [{f,3},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 11}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_apply_last.erl",3}]}.
    {func_info,{atom,op_apply_last},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_apply_last.erl",4}]}.
    {func_info,{atom,op_apply_last},{atom,start},0}.
  {label,4}.
    {allocate,3,0}.
    {init_yregs,{list,[{y,0},{y,1},{y,2}]}}.
    {move,{atom,lists},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,2}}.
    {move,{atom,reverse},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
    {move,{literal,[1,2]},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{y,1},{x,1}}.
    {move,{x,0},{x,2}}.
    {move,{y,2},{x,0}}.
    {init_yregs,{list,[{y,1},{y,2}]}}.
    {call,3,{f,6}}. % f/3
    {move,{x,0},{y,2}}.
    {move,{atom,erlang},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
    {move,{atom,abs},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,0}}.
    {move,{integer,-3},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{y,0},{x,1}}.
    {move,{x,0},{x,2}}.
    {move,{y,1},{x,0}}.
    {trim,2,1}.
    {call,3,{f,6}}. % f/3
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0}]}}.
    {deallocate,1}.
    return.


{function, f, 3, 6}.
  {label,5}.
    {line,[{location,"op_apply_last.erl",5}]}.
    {func_info,{atom,op_apply_last},{atom,f},3}.
  {label,6}.
    {allocate,0,3}.
    {swap,{x,1},{x,2}}.
    {swap,{x,0},{x,1}}.
    {apply_last,1,0}.


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_apply_last},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_apply_last},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_apply_last},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_apply_last},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
