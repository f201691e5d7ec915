%% op_wait: runs the wait instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_wait}.  %% version = 0

{exports, [{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 14}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_wait.erl",3}]}.
    {func_info,{atom,op_wait},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_wait.erl",4}]}.
    {func_info,{atom,op_wait},{atom,start},0}.
  {label,4}.
    {allocate_heap,0,{alloc,[{words,1},{floats,0},{funs,1}]},0}.
    {bif,self,{f,0},[],{x,0}}.
    {make_fun3,{f,13},0,0,{x,0},{list,[{x,0}]}}.
    {call_ext,1,{extfunc,erlang,spawn,1}}.
  {label,5}.
    {loop_rec,{f,7},{x,0}}.
    {test,is_tagged_tuple,{f,6},[{x,0},2,{atom,later}]}.
    {test_heap,3,1}.
    {get_tuple_element,{x,0},1,{x,0}}.
    remove_message.
    {put_tuple2,{x,0},{list,[{atom,got},{x,0}]}}.
    {deallocate,0}.
    return.
  {label,6}.
    {loop_rec_end,{f,5}}.
  {label,7}.
    {wait,{f,5}}.


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_wait},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_wait},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_wait},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_wait},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-fun-0-', 1, 13}.
  {label,12}.
    {line,[{location,"op_wait.erl",4}]}.
    {func_info,{atom,op_wait},{atom,'-start/0-fun-0-'},1}.
  {label,13}.
    {allocate,0,1}.
    {move,{literal,{later,42}},{x,1}}.
    send.
    {deallocate,0}.
    return.
