%% op_loop_rec: runs the loop_rec instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_loop_rec}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 15}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_loop_rec.erl",3}]}.
    {func_info,{atom,op_loop_rec},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_loop_rec.erl",4}]}.
    {func_info,{atom,op_loop_rec},{atom,start},0}.
  {label,4}.
    {allocate,1,0}.
    {init_yregs,{list,[{y,0}]}}.
    {bif,self,{f,0},[],{x,0}}.
    {move,{literal,{b,2}},{x,1}}.
    send.
    {bif,self,{f,0},[],{x,0}}.
    {move,{literal,{a,1}},{x,1}}.
    send.
  {label,5}.
    {loop_rec,{f,10},{x,0}}.
    {test,is_tagged_tuple,{f,9},[{x,0},2,{atom,a}]}.
    {move,{x,0},{y,0}}.
    remove_message.
  {label,6}.
    {loop_rec,{f,8},{x,0}}.
    {test,is_tagged_tuple,{f,7},[{x,0},2,{atom,b}]}.
    {test_heap,3,1}.
    {get_tuple_element,{x,0},1,{x,0}}.
    {get_tuple_element,{y,0},1,{x,1}}.
    remove_message.
    {put_tuple2,{x,0},{list,[{x,1},{x,0}]}}.
    {deallocate,1}.
    return.
  {label,7}.
    {loop_rec_end,{f,6}}.
  {label,8}.
    {wait,{f,6}}.
  {label,9}.
    {loop_rec_end,{f,5}}.
  {label,10}.
    {wait,{f,5}}.


{function, module_info, 0, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_loop_rec},{atom,module_info},0}.
  {label,12}.
    {move,{atom,op_loop_rec},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 14}.
  {label,13}.
    {line,[]}.
    {func_info,{atom,op_loop_rec},{atom,module_info},1}.
  {label,14}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_loop_rec},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
