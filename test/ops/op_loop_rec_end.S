%% op_loop_rec_end: runs the loop_rec_end instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_loop_rec_end}.  %% version = 0

{exports, [{flush,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 21}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_loop_rec_end.erl",3}]}.
    {func_info,{atom,op_loop_rec_end},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_loop_rec_end.erl",4}]}.
    {func_info,{atom,op_loop_rec_end},{atom,start},0}.
  {label,4}.
    {allocate,0,0}.
    {move,{literal,[1,2,3,4]},{x,0}}.
    {call,1,{f,19}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,nil}]}}.
  {label,5}.
    {loop_rec,{f,10},{x,0}}.
    {test,is_eq_exact,{f,9},[{x,0},{integer,3}]}.
    remove_message.
  {label,6}.
    {loop_rec,{f,8},{x,0}}.
    {test,is_eq_exact,{f,7},[{x,0},{integer,4}]}.
    remove_message.
    {move,nil,{x,0}}.
    {line,[{location,"op_loop_rec_end.erl",7}]}.
    {call,1,{f,12}}. % flush/1
    {'%',{var_info,{x,0},[{type,{t_list,any,nil}}]}}.
    {test_heap,4,1}.
    {put_tuple2,{x,0},{list,[{atom,three},{atom,four},{x,0}]}}.
    {deallocate,0}.
    return.
  {label,7}.
    {loop_rec_end,{f,6}}.
  {label,8}.
    {wait,{f,6}}.
  {label,9}.
    {loop_rec_end,{f,5}}.
  {label,10}.
    {wait,{f,5}}.


{function, flush, 1, 12}.
  {label,11}.
    {line,[{location,"op_loop_rec_end.erl",8}]}.
    {func_info,{atom,op_loop_rec_end},{atom,flush},1}.
  {label,12}.
    {allocate,1,1}.
    {move,{x,0},{y,0}}.
    {loop_rec,{f,13},{x,0}}.
    {test_heap,2,1}.
    remove_message.
    {put_list,{x,0},{y,0},{x,0}}.
    {call_last,1,{f,12},1}. % flush/1
  {label,13}.
    timeout.
    {move,{y,0},{x,0}}.
    {call_ext_last,1,{extfunc,lists,reverse,1},1}.


{function, module_info, 0, 15}.
  {label,14}.
    {line,[]}.
    {func_info,{atom,op_loop_rec_end},{atom,module_info},0}.
  {label,15}.
    {move,{atom,op_loop_rec_end},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 17}.
  {label,16}.
    {line,[]}.
    {func_info,{atom,op_loop_rec_end},{atom,module_info},1}.
  {label,17}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_loop_rec_end},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 19}.
  {label,18}.
    {line,[{location,"op_loop_rec_end.erl",4}]}.
    {func_info,{atom,op_loop_rec_end},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,19}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_integer,{1,4}},nil}}]}}.
    {test,is_nonempty_list,{f,20},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,1},{y,0}}.
    {bif,self,{f,0},[],{x,0}}.
    send.
    {move,{y,0},{x,0}}.
    {call_last,1,{f,19},1}. % '-start/0-lc$^0/1-0-'/1
  {label,20}.
    return.
