%% op_remove_message: runs the remove_message instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_remove_message}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 16}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_remove_message.erl",3}]}.
    {func_info,{atom,op_remove_message},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_remove_message.erl",4}]}.
    {func_info,{atom,op_remove_message},{atom,start},0}.
  {label,4}.
    {allocate,2,0}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {bif,self,{f,0},[],{x,0}}.
    {move,{atom,a},{x,1}}.
    send.
    {bif,self,{f,0},[],{x,0}}.
    {move,{atom,b},{x,1}}.
    send.
    {bif,self,{f,0},[],{x,0}}.
    {move,{atom,c},{x,1}}.
    send.
  {label,5}.
    {loop_rec,{f,11},{x,0}}.
    {test,is_eq_exact,{f,10},[{x,0},{atom,b}]}.
    remove_message.
  {label,6}.
    {loop_rec,{f,9},{x,0}}.
    {move,{x,0},{y,1}}.
    remove_message.
  {label,7}.
    {loop_rec,{f,8},{x,0}}.
    {move,{x,0},{y,0}}.
    remove_message.
    {bif,self,{f,0},[],{x,0}}.
    {move,{atom,message_queue_len},{x,1}}.
    {line,[{location,"op_remove_message.erl",8}]}.
    {call_ext,2,{extfunc,erlang,process_info,2}}.
    {test_heap,5,1}.
    {put_tuple2,{x,0},{list,[{atom,got_b},{y,1},{y,0},{x,0}]}}.
    {deallocate,2}.
    return.
  {label,8}.
    {wait,{f,7}}.
  {label,9}.
    {wait,{f,6}}.
  {label,10}.
    {loop_rec_end,{f,5}}.
  {label,11}.
    {wait,{f,5}}.


{function, module_info, 0, 13}.
  {label,12}.
    {line,[]}.
    {func_info,{atom,op_remove_message},{atom,module_info},0}.
  {label,13}.
    {move,{atom,op_remove_message},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 15}.
  {label,14}.
    {line,[]}.
    {func_info,{atom,op_remove_message},{atom,module_info},1}.
  {label,15}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_remove_message},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
