%% op_apply: runs the apply instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_apply}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 11}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_apply.erl",3}]}.
    {func_info,{atom,op_apply},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_apply.erl",4}]}.
    {func_info,{atom,op_apply},{atom,start},0}.
  {label,4}.
    {allocate,2,0}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {move,{atom,lists},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
    {move,{atom,reverse},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,0}}.
    {move,{literal,[1,2,3]},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{y,0},{x,2}}.
    {move,{y,1},{x,1}}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {apply,1}.
    {move,{x,0},{y,0}}.
    {'try',{y,1},{f,5}}.
    {move,{atom,nomod},{x,0}}.
    {line,[{location,"op_apply.erl",5}]}.
    {call,1,{f,2}}. % id/1
    {move,{atom,foo},{x,1}}.
    {apply,0}.
    {try_end,{y,1}}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0}]}}.
    {deallocate,2}.
    return.
  {label,5}.
    {try_case,{y,1}}.
    {test,is_eq_exact,
          {f,6},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{y,0},{x,1}]}}.
    {deallocate,2}.
    return.
  {label,6}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_apply},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_apply},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_apply},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_apply},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
