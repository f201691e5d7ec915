%% op_test_heap: runs the test_heap instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_test_heap}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 14}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_test_heap.erl",3}]}.
    {func_info,{atom,op_test_heap},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_test_heap.erl",4}]}.
    {func_info,{atom,op_test_heap},{atom,start},0}.
  {label,4}.
    {move,{literal,[1,2]},{x,0}}.
    {call_only,1,{f,12}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_test_heap.erl",5}]}.
    {func_info,{atom,op_test_heap},{atom,f},1}.
  {label,6}.
    {test_heap,11,1}.
    {put_list,{x,0},nil,{x,1}}.
    {put_list,{x,0},{x,1},{x,1}}.
    {put_tuple2,{x,2},{list,[{atom,tag},{x,0}]}}.
    {put_tuple2,{x,0},{list,[{x,0},{x,1},{x,2}]}}.
    return.


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_test_heap},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_test_heap},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_test_heap},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_test_heap},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 12}.
  {label,11}.
    {line,[{location,"op_test_heap.erl",4}]}.
    {func_info,{atom,op_test_heap},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,12}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_integer,{1,2}},nil}}]}}.
    {test,is_nonempty_list,{f,13},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_tuple,3,true,
                     #{2 => {t_cons,any,nil},
                       3 => {t_tuple,2,true,#{1 => {t_atom,[tag]}}}}}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,12}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_tuple,3,true,
                         #{2 => {t_cons,any,nil},
                           3 => {t_tuple,2,true,#{1 => {t_atom,[tag]}}}}},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,13}.
    return.
