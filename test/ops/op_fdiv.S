%% op_fdiv: runs the fdiv instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_fdiv}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 16}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_fdiv.erl",3}]}.
    {func_info,{atom,op_fdiv},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_fdiv.erl",4}]}.
    {func_info,{atom,op_fdiv},{atom,start},0}.
  {label,4}.
    {move,{literal,[{1.5,2.0},{-3.0,0.5},{1.0e300,1.0e300},{2.0,0.0}]},{x,0}}.
    {call_only,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_fdiv.erl",5}]}.
    {func_info,{atom,op_fdiv},{atom,f},2}.
  {label,6}.
    {test,is_float,{f,5},[{x,0}]}.
    {test,is_float,{f,5},[{x,1}]}.
    {allocate,1,2}.
    {'try',{y,0},{f,7}}.
    {fmove,{x,0},{fr,0}}.
    {fmove,{x,1},{fr,1}}.
    {bif,fdiv,{f,0},[{fr,0},{fr,1}],{fr,0}}.
    {fmove,{float,1.0},{fr,1}}.
    {bif,fdiv,{f,0},[{fr,0},{fr,1}],{fr,0}}.
    {test_heap,{alloc,[{words,0},{floats,1},{funs,0}]},0}.
    {fmove,{fr,0},{x,0}}.
    {try_end,{y,0}}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{atom,ok},{x,0}]}}.
    {deallocate,1}.
    return.
  {label,7}.
    {try_case,{y,0}}.
    {test,is_eq_exact,
          {f,8},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,error},{x,1}]}}.
    {deallocate,1}.
    return.
  {label,8}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_fdiv},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_fdiv},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_fdiv},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_fdiv},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_fdiv.erl",4}]}.
    {func_info,{atom,op_fdiv},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,14}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,none,none,none,
                         [{{2,{t_float,{-3.0,-3.0}}},
                           {t_tuple,2,true,
                               #{1 => {t_float,{-3.0,-3.0}},
                                 2 => {t_float,{0.5,0.5}}}}},
                          {{2,{t_float,{1.5,1.5}}},
                           {t_tuple,2,true,
                               #{1 => {t_float,{1.5,1.5}},
                                 2 => {t_float,{2.0,2.0}}}}},
                          {{2,{t_float,{2.0,2.0}}},
                           {t_tuple,2,true,
                               #{1 => {t_float,{2.0,2.0}},
                                 2 => {t_float,{0.0,0.0}}}}},
                          {{2,{t_float,{1.0e300,1.0e300}}},
                           {t_tuple,2,true,
                               #{1 => {t_float,{1.0e300,1.0e300}},
                                 2 => {t_float,{1.0e300,1.0e300}}}}}],
                         none},
                     nil}}]}}.
    {test,is_nonempty_list,{f,15},[{x,0}]}.
    {allocate,2,1}.
    {get_list,{x,0},{x,0},{y,1}}.
    {get_tuple_element,{x,0},0,{x,1}}.
    {get_tuple_element,{x,0},1,{y,0}}.
    {move,{x,1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {swap,{y,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{y,0},{x,0}}.
    {trim,1,1}.
    {call,2,{f,6}}. % f/2
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_union,none,none,none,
                     [{{2,{t_atom,[error]}},
                       {t_tuple,2,true,#{1 => {t_atom,[error]}}}},
                      {{2,{t_atom,[ok]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[ok]},2 => {t_float,any}}}}],
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
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
                               #{1 => {t_atom,[ok]},2 => {t_float,any}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,15}.
    return.
