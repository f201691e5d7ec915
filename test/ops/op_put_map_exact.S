%% op_put_map_exact: runs the put_map_exact instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_put_map_exact}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 17}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_put_map_exact.erl",3}]}.
    {func_info,{atom,op_put_map_exact},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_put_map_exact.erl",4}]}.
    {func_info,{atom,op_put_map_exact},{atom,start},0}.
  {label,4}.
    {move,{literal,[#{a => 0,b => 0,c => 3},#{a => 0},not_map]},{x,0}}.
    {call_only,1,{f,15}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_put_map_exact.erl",5}]}.
    {func_info,{atom,op_put_map_exact},{atom,f},1}.
  {label,6}.
    {allocate,1,1}.
    {'try',{y,0},{f,8}}.
    {test,is_map,{f,7},[{x,0}]}.
    {put_map_exact,{f,0},
                   {x,0},
                   {x,0},
                   1,
                   {list,[{atom,a},{integer,1},{atom,b},{integer,2}]}}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{atom,ok},{x,0}]}}.
    {try_end,{y,0}}.
    {deallocate,1}.
    return.
  {label,7}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{atom,badmap},{x,0}]}}.
    {line,[{scope,[2]},{location,"op_put_map_exact.erl",5}]}.
    {call_ext,1,{extfunc,erlang,error,1}}.
  {label,8}.
    {try_case,{y,0}}.
    {test,is_eq_exact,
          {f,9},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,error},{x,1}]}}.
    {deallocate,1}.
    return.
  {label,9}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.


{function, module_info, 0, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_put_map_exact},{atom,module_info},0}.
  {label,11}.
    {move,{atom,op_put_map_exact},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 13}.
  {label,12}.
    {line,[]}.
    {func_info,{atom,op_put_map_exact},{atom,module_info},1}.
  {label,13}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_put_map_exact},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 15}.
  {label,14}.
    {line,[{location,"op_put_map_exact.erl",4}]}.
    {func_info,{atom,op_put_map_exact},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,15}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[not_map]},
                         none,none,none,
                         {t_map,{t_atom,[a,b,c]},{t_integer,{0,3}}}},
                     nil}}]}}.
    {test,is_nonempty_list,{f,16},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_union,none,none,none,
                     [{{2,{t_atom,[error]}},
                       {t_tuple,2,true,#{1 => {t_atom,[error]}}}},
                      {{2,{t_atom,[ok]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[ok]},2 => {t_map,any,any}}}}],
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,15}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,none,none,none,
                         [{{2,{t_atom,[error]}},
                           {t_tuple,2,true,#{1 => {t_atom,[error]}}}},
                          {{2,{t_atom,[ok]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[ok]},2 => {t_map,any,any}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,16}.
    return.
