%% op_timeout: runs the timeout instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_timeout}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 19}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_timeout.erl",3}]}.
    {func_info,{atom,op_timeout},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_timeout.erl",4}]}.
    {func_info,{atom,op_timeout},{atom,start},0}.
  {label,4}.
    {allocate,2,0}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
  {label,5}.
    {loop_rec,{f,7},{x,0}}.
    {test,is_eq_exact,{f,6},[{x,0},{atom,x}]}.
    remove_message.
    {move,{atom,x},{y,1}}.
    {jump,{f,8}}.
  {label,6}.
    {loop_rec_end,{f,5}}.
  {label,7}.
    timeout.
    {move,{atom,none},{y,1}}.
  {label,8}.
    {bif,self,{f,0},[],{x,0}}.
    {move,{atom,y},{x,1}}.
    {line,[{location,"op_timeout.erl",5}]}.
    send.
  {label,9}.
    {loop_rec,{f,11},{x,0}}.
    {test,is_eq_exact,{f,10},[{x,0},{atom,x}]}.
    remove_message.
    {move,{atom,x},{y,0}}.
    {jump,{f,12}}.
  {label,10}.
    {loop_rec_end,{f,9}}.
  {label,11}.
    timeout.
    {move,{atom,still_none},{y,0}}.
  {label,12}.
    {loop_rec,{f,14},{x,0}}.
    {test,is_eq_exact,{f,13},[{x,0},{atom,y}]}.
    {test_heap,4,0}.
    remove_message.
    {put_tuple2,{x,0},{list,[{y,1},{y,0},{atom,got_y}]}}.
    {deallocate,2}.
    return.
  {label,13}.
    {loop_rec_end,{f,12}}.
  {label,14}.
    timeout.
    {test_heap,4,0}.
    {put_tuple2,{x,0},{list,[{y,1},{y,0},{atom,no}]}}.
    {deallocate,2}.
    return.


{function, module_info, 0, 16}.
  {label,15}.
    {line,[]}.
    {func_info,{atom,op_timeout},{atom,module_info},0}.
  {label,16}.
    {move,{atom,op_timeout},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 18}.
  {label,17}.
    {line,[]}.
    {func_info,{atom,op_timeout},{atom,module_info},1}.
  {label,18}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_timeout},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
