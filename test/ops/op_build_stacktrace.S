%% op_build_stacktrace: runs the build_stacktrace instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_build_stacktrace}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 11}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_build_stacktrace.erl",3}]}.
    {func_info,{atom,op_build_stacktrace},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_build_stacktrace.erl",4}]}.
    {func_info,{atom,op_build_stacktrace},{atom,start},0}.
  {label,4}.
    {allocate,2,0}.
    {init_yregs,{list,[{y,0}]}}.
    {'try',{y,1},{f,5}}.
    {move,{atom,boom},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call_ext,1,{extfunc,erlang,error,1}}.
  {label,5}.
    {try_case,{y,1}}.
    {move,{x,1},{y,0}}.
    {move,{x,2},{x,1}}.
    {test,is_eq_exact,
          {f,6},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {move,{x,1},{x,0}}.
    build_stacktrace.
    {bif,is_list,{f,0},[{x,0}],{x,1}}.
    {gc_bif,length,{f,0},2,[{x,0}],{x,0}}.
    {test_heap,4,2}.
    {bif,'>',
         {f,0},
         [{tr,{x,0},{t_integer,{0,288230376151711743}}},{integer,0}],
         {x,0}}.
    {put_tuple2,{x,0},{list,[{y,0},{x,1},{x,0}]}}.
    {deallocate,2}.
    return.
  {label,6}.
    {bif,raise,{f,0},[{x,1},{y,0}],{x,0}}.


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_build_stacktrace},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_build_stacktrace},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_build_stacktrace},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_build_stacktrace},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
