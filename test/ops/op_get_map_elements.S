%% op_get_map_elements: runs the get_map_elements instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_get_map_elements}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 16}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_get_map_elements.erl",3}]}.
    {func_info,{atom,op_get_map_elements},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_get_map_elements.erl",4}]}.
    {func_info,{atom,op_get_map_elements},{atom,start},0}.
  {label,4}.
    {move,{literal,[#{a => 1,b => 2},#{a => 3},#{},x]},{x,0}}.
    {call_only,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_get_map_elements.erl",5}]}.
    {func_info,{atom,op_get_map_elements},{atom,f},1}.
  {label,6}.
    {test,is_map,{f,8},[{x,0}]}.
    {get_map_elements,{f,8},
                      {tr,{x,0},{t_map,any,any}},
                      {list,[{atom,a},{x,1}]}}.
    {get_map_elements,{f,7},
                      {tr,{x,0},{t_map,any,any}},
                      {list,[{atom,b},{x,0}]}}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{x,1},{x,0}]}}.
    return.
  {label,7}.
    {test_heap,2,2}.
    {put_tuple2,{x,0},{list,[{x,1}]}}.
    return.
  {label,8}.
    {move,{atom,none},{x,0}}.
    return.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_get_map_elements},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_get_map_elements},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_get_map_elements},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_get_map_elements},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_get_map_elements.erl",4}]}.
    {func_info,{atom,op_get_map_elements},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,14}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[x]},
                         none,none,none,
                         {t_map,{t_atom,[a,b]},{t_integer,{1,3}}}},
                     nil}}]}}.
    {test,is_nonempty_list,{f,15},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',{var_info,{x,0},
                   [{type,{t_union,{t_atom,[none]},
                                   none,none,
                                   {t_tuple,1,false,#{}},
                                   none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[none]},
                         none,none,
                         {t_tuple,1,false,#{}},
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,15}.
    return.
