%% op_gc_bif2: runs the gc_bif2 instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_gc_bif2}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 16}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_gc_bif2.erl",3}]}.
    {func_info,{atom,op_gc_bif2},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_gc_bif2.erl",4}]}.
    {func_info,{atom,op_gc_bif2},{atom,start},0}.
  {label,4}.
    {move,{literal,[{1,2},
                    {4611686018427387904,4611686018427387904},
                    {7,0},
                    {a,1},
                    {2.5,2}]},
          {x,0}}.
    {call_only,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_gc_bif2.erl",5}]}.
    {func_info,{atom,op_gc_bif2},{atom,f},2}.
  {label,6}.
    {allocate,1,2}.
    {'try',{y,0},{f,7}}.
    {gc_bif,'+',{f,0},2,[{x,0},{x,1}],{x,2}}.
    {gc_bif,'*',{f,0},3,[{tr,{x,0},number},{tr,{x,1},number}],{x,3}}.
    {gc_bif,'div',{f,0},4,[{tr,{x,0},number},{tr,{x,1},number}],{x,4}}.
    {gc_bif,'rem',
            {f,0},
            5,
            [{tr,{x,0},{t_integer,any}},{tr,{x,1},{t_integer,any}}],
            {x,0}}.
    {test_heap,5,5}.
    {put_tuple2,{x,0},{list,[{x,2},{x,3},{x,4},{x,0}]}}.
    {try_end,{y,0}}.
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
    {func_info,{atom,op_gc_bif2},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_gc_bif2},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_gc_bif2},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_gc_bif2},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_gc_bif2.erl",4}]}.
    {func_info,{atom,op_gc_bif2},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,14}.
    {'%',
     {var_info,
      {x,0},
      [{type,
        {t_list,
         {t_union,none,none,none,
          [{{2,{t_atom,[a]}},
            {t_tuple,2,true,#{1 => {t_atom,[a]},2 => {t_integer,{1,1}}}}},
           {{2,{t_float,{2.5,2.5}}},
            {t_tuple,2,true,
             #{1 => {t_float,{2.5,2.5}},2 => {t_integer,{2,2}}}}},
           {{2,{t_integer,{1,1}}},
            {t_tuple,2,true,#{1 => {t_integer,{1,1}},2 => {t_integer,{2,2}}}}},
           {{2,{t_integer,{7,7}}},
            {t_tuple,2,true,#{1 => {t_integer,{7,7}},2 => {t_integer,{0,0}}}}},
           {{2,{t_integer,{4611686018427387904,4611686018427387904}}},
            {t_tuple,2,true,
             #{1 => {t_integer,{4611686018427387904,4611686018427387904}},
               2 => {t_integer,{4611686018427387904,4611686018427387904}}}}}],
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
                 {t_tuple,2,false,
                     #{1 =>
                           {t_union,
                               {t_atom,[error]},
                               none,number,none,none}}}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_tuple,2,false,
                         #{1 =>
                               {t_union,
                                   {t_atom,[error]},
                                   none,number,none,none}}},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,15}.
    return.
