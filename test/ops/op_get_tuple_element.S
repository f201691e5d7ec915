%% op_get_tuple_element: runs the get_tuple_element instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_get_tuple_element}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 14}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_get_tuple_element.erl",3}]}.
    {func_info,{atom,op_get_tuple_element},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_get_tuple_element.erl",4}]}.
    {func_info,{atom,op_get_tuple_element},{atom,start},0}.
  {label,4}.
    {move,{literal,[{1,2,3},{a,{b},c}]},{x,0}}.
    {call_only,1,{f,12}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_get_tuple_element.erl",5}]}.
    {func_info,{atom,op_get_tuple_element},{atom,f},1}.
  {label,6}.
    {test,is_tuple,{f,5},[{x,0}]}.
    {test,test_arity,{f,5},[{x,0},3]}.
    {test_heap,6,1}.
    {get_tuple_element,{x,0},0,{x,1}}.
    {get_tuple_element,{x,0},1,{x,2}}.
    {get_tuple_element,{x,0},2,{x,0}}.
    {put_list,{x,1},nil,{x,1}}.
    {put_list,{x,2},{x,1},{x,1}}.
    {put_list,{x,0},{x,1},{x,0}}.
    return.


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_get_tuple_element},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_get_tuple_element},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_get_tuple_element},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_get_tuple_element},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 12}.
  {label,11}.
    {line,[{location,"op_get_tuple_element.erl",4}]}.
    {func_info,{atom,op_get_tuple_element},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,12}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,none,none,none,
                         [{{3,{t_atom,[a]}},
                           {t_tuple,3,true,
                               #{1 => {t_atom,[a]},
                                 2 => {t_tuple,1,true,#{1 => {t_atom,[b]}}},
                                 3 => {t_atom,[c]}}}},
                          {{3,{t_integer,{1,1}}},
                           {t_tuple,3,true,
                               #{1 => {t_integer,{1,1}},
                                 2 => {t_integer,{2,2}},
                                 3 => {t_integer,{3,3}}}}}],
                         none},
                     nil}}]}}.
    {test,is_nonempty_list,{f,13},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_cons,any,nil}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,12}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,{t_cons,any,nil},nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,13}.
    return.
