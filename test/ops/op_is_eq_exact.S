%% op_is_eq_exact: runs the is_eq_exact instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_is_eq_exact}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 15}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_is_eq_exact.erl",3}]}.
    {func_info,{atom,op_is_eq_exact},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_is_eq_exact.erl",4}]}.
    {func_info,{atom,op_is_eq_exact},{atom,start},0}.
  {label,4}.
    {move,{literal,[{1,2},
                    {2,1},
                    {1,1},
                    {1,1.0},
                    {a,1},
                    {[1],[1]},
                    {{a,2},{a,1}},
                    {1180591620717411303424,1180591620717411303424},
                    {<<"ab">>,<<"b">>}]},
          {x,0}}.
    {call_only,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_is_eq_exact.erl",5}]}.
    {func_info,{atom,op_is_eq_exact},{atom,f},2}.
  {label,6}.
    {test,is_eq_exact,{f,7},[{x,0},{x,1}]}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{atom,yes},{x,0}]}}.
    return.
  {label,7}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,no},{x,1}]}}.
    return.


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_is_eq_exact},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_is_eq_exact},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_is_eq_exact},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_is_eq_exact},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 13}.
  {label,12}.
    {line,[{location,"op_is_eq_exact.erl",4}]}.
    {func_info,{atom,op_is_eq_exact},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,13}.
    {'%',
     {var_info,
      {x,0},
      [{type,
        {t_list,
         {t_tuple,2,true,
          #{1 =>
             {t_union,
              {t_atom,[a]},
              {t_cons,{t_integer,{1,1}},nil},
              {t_integer,{1,1180591620717411303424}},
              [{{2,{t_atom,[a]}},
                {t_tuple,2,true,#{1 => {t_atom,[a]},2 => {t_integer,{2,2}}}}}],
              {t_bitstring,16}},
            2 =>
             {t_union,none,
              {t_cons,{t_integer,{1,1}},nil},
              number,
              [{{2,{t_atom,[a]}},
                {t_tuple,2,true,#{1 => {t_atom,[a]},2 => {t_integer,{1,1}}}}}],
              {t_bitstring,8}}}},
         nil}}]}}.
    {test,is_nonempty_list,{f,14},[{x,0}]}.
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
    {'%',{var_info,{x,0},
                   [{type,{t_union,none,none,none,
                                   [{{2,{t_atom,[no]}},
                                     {t_tuple,2,true,#{1 => {t_atom,[no]}}}},
                                    {{2,{t_atom,[yes]}},
                                     {t_tuple,2,true,#{1 => {t_atom,[yes]}}}}],
                                   none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,none,none,none,
                         [{{2,{t_atom,[no]}},
                           {t_tuple,2,true,#{1 => {t_atom,[no]}}}},
                          {{2,{t_atom,[yes]}},
                           {t_tuple,2,true,#{1 => {t_atom,[yes]}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,14}.
    return.
