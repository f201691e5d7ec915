%% op_gc_bif1: runs the gc_bif1 instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_gc_bif1}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 18}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_gc_bif1.erl",3}]}.
    {func_info,{atom,op_gc_bif1},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_gc_bif1.erl",4}]}.
    {func_info,{atom,op_gc_bif1},{atom,start},0}.
  {label,4}.
    {move,{literal,[[1,2,3],[],abc,-5,2.5]},{x,0}}.
    {call_only,1,{f,16}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_gc_bif1.erl",5}]}.
    {func_info,{atom,op_gc_bif1},{atom,f},1}.
  {label,6}.
    {gc_bif,length,{f,7},1,[{x,0}],{x,1}}.
    {test,is_lt,
          {f,7},
          [{integer,1},{tr,{x,1},{t_integer,{0,288230376151711743}}}]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,long},{x,1}]}}.
    return.
  {label,7}.
    {test,is_number,{f,8},[{x,0}]}.
    {line,[{location,"op_gc_bif1.erl",6}]}.
    {gc_bif,abs,{f,0},1,[{tr,{x,0},number}],{x,1}}.
    {gc_bif,'-',{f,0},2,[{tr,{x,0},number}],{x,0}}.
    {test_heap,4,2}.
    {put_tuple2,{x,0},{list,[{atom,abs},{x,1},{x,0}]}}.
    return.
  {label,8}.
    {allocate,1,1}.
    {'try',{y,0},{f,9}}.
    {line,[{location,"op_gc_bif1.erl",7}]}.
    {gc_bif,length,{f,0},1,[{x,0}],{x,0}}.
    {try_end,{y,0}}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{atom,len},{x,0}]}}.
    {deallocate,1}.
    return.
  {label,9}.
    {try_case,{y,0}}.
    {test,is_eq_exact,
          {f,10},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,error},{x,1}]}}.
    {deallocate,1}.
    return.
  {label,10}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.


{function, module_info, 0, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_gc_bif1},{atom,module_info},0}.
  {label,12}.
    {move,{atom,op_gc_bif1},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 14}.
  {label,13}.
    {line,[]}.
    {func_info,{atom,op_gc_bif1},{atom,module_info},1}.
  {label,14}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_gc_bif1},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 16}.
  {label,15}.
    {line,[{location,"op_gc_bif1.erl",4}]}.
    {func_info,{atom,op_gc_bif1},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,16}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[abc]},
                         {t_list,{t_integer,{1,3}},nil},
                         number,none,none},
                     nil}}]}}.
    {test,is_nonempty_list,{f,17},[{x,0}]}.
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
                      {{2,{t_atom,[len]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[len]},
                             2 => {t_integer,{0,288230376151711743}}}}},
                      {{2,{t_atom,[long]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[long]},
                             2 => {t_integer,{0,288230376151711743}}}}},
                      {{3,{t_atom,[abs]}},
                       {t_tuple,3,true,
                           #{1 => {t_atom,[abs]},2 => number,3 => number}}}],
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,16}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,none,none,none,
                         [{{2,{t_atom,[error]}},
                           {t_tuple,2,true,#{1 => {t_atom,[error]}}}},
                          {{2,{t_atom,[len]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[len]},
                                 2 => {t_integer,{0,288230376151711743}}}}},
                          {{2,{t_atom,[long]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[long]},
                                 2 => {t_integer,{0,288230376151711743}}}}},
                          {{3,{t_atom,[abs]}},
                           {t_tuple,3,true,
                               #{1 => {t_atom,[abs]},
                                 2 => number,3 => number}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,17}.
    return.
