%% op_raise: runs the raise instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_raise}.  %% version = 0

{exports, [{f,1},{g,1},{h,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 27}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_raise.erl",3}]}.
    {func_info,{atom,op_raise},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_raise.erl",4}]}.
    {func_info,{atom,op_raise},{atom,start},0}.
  {label,4}.
    {move,{literal,[error,exit,throw,none]},{x,0}}.
    {call_only,1,{f,25}}. % '-start/0-lc$^0/1-0-'/1


{function, g, 1, 6}.
  {label,5}.
    {line,[{location,"op_raise.erl",5}]}.
    {func_info,{atom,op_raise},{atom,g},1}.
  {label,6}.
    {allocate,1,1}.
    {'try',{y,0},{f,7}}.
    {call,1,{f,9}}. % h/1
    {'%',{var_info,{x,0},[{type,{t_atom,[caught_e,ok,other]}}]}}.
    {try_end,{y,0}}.
    {deallocate,1}.
    return.
  {label,7}.
    {try_case,{y,0}}.
    {test_heap,4,2}.
    {put_tuple2,{x,0},{list,[{atom,outer},{x,0},{x,1}]}}.
    {deallocate,1}.
    return.


{function, h, 1, 9}.
  {label,8}.
    {line,[{location,"op_raise.erl",6}]}.
    {func_info,{atom,op_raise},{atom,h},1}.
  {label,9}.
    {allocate,1,1}.
    {'try',{y,0},{f,10}}.
    {call,1,{f,15}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_atom,[ok]}}]}}.
    {try_end,{y,0}}.
    {deallocate,1}.
    return.
  {label,10}.
    {try_case,{y,0}}.
    {select_val,{x,0},{f,13},{list,[{atom,error},{f,12},{atom,throw},{f,11}]}}.
  {label,11}.
    {test,is_eq_exact,{f,13},[{x,1},{atom,other}]}.
    {move,{atom,other},{x,0}}.
    {deallocate,1}.
    return.
  {label,12}.
    {test,is_eq_exact,{f,13},[{x,1},{atom,e}]}.
    {move,{atom,caught_e},{x,0}}.
    {deallocate,1}.
    return.
  {label,13}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.


{function, f, 1, 15}.
  {label,14}.
    {line,[{location,"op_raise.erl",7}]}.
    {func_info,{atom,op_raise},{atom,f},1}.
  {label,15}.
    {select_val,{x,0},
                {f,14},
                {list,[{atom,error},
                       {f,19},
                       {atom,exit},
                       {f,18},
                       {atom,none},
                       {f,17},
                       {atom,throw},
                       {f,16}]}}.
  {label,16}.
    {move,{atom,t},{x,0}}.
    {line,[{location,"op_raise.erl",9}]}.
    {call_ext_only,1,{extfunc,erlang,throw,1}}.
  {label,17}.
    {move,{atom,ok},{x,0}}.
    return.
  {label,18}.
    {move,{atom,x},{x,0}}.
    {line,[{location,"op_raise.erl",8}]}.
    {call_ext_only,1,{extfunc,erlang,exit,1}}.
  {label,19}.
    {move,{atom,e},{x,0}}.
    {line,[{location,"op_raise.erl",7}]}.
    {call_ext_only,1,{extfunc,erlang,error,1}}.


{function, module_info, 0, 21}.
  {label,20}.
    {line,[]}.
    {func_info,{atom,op_raise},{atom,module_info},0}.
  {label,21}.
    {move,{atom,op_raise},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 23}.
  {label,22}.
    {line,[]}.
    {func_info,{atom,op_raise},{atom,module_info},1}.
  {label,23}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_raise},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 25}.
  {label,24}.
    {line,[{location,"op_raise.erl",4}]}.
    {func_info,{atom,op_raise},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,25}.
    {'%',{var_info,{x,0},
                   [{type,{t_list,{t_atom,[error,exit,none,throw]},nil}}]}}.
    {test,is_nonempty_list,{f,26},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % g/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_union,
                     {t_atom,[caught_e,ok,other]},
                     none,none,
                     [{{3,{t_atom,[outer]}},
                       {t_tuple,3,true,
                           #{1 => {t_atom,[outer]},
                             2 => {t_atom,[error,exit,throw]}}}}],
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,25}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[caught_e,ok,other]},
                         none,none,
                         [{{3,{t_atom,[outer]}},
                           {t_tuple,3,true,
                               #{1 => {t_atom,[outer]},
                                 2 => {t_atom,[error,exit,throw]}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,26}.
    return.
