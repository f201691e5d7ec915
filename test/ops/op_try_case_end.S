%% op_try_case_end: runs the try_case_end instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_try_case_end}.  %% version = 0

{exports, [{g,1},{h,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 22}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_try_case_end.erl",3}]}.
    {func_info,{atom,op_try_case_end},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_try_case_end.erl",4}]}.
    {func_info,{atom,op_try_case_end},{atom,start},0}.
  {label,4}.
    {move,{literal,[1,2,3]},{x,0}}.
    {call_only,1,{f,20}}. % '-start/0-lc$^0/1-0-'/1


{function, g, 1, 6}.
  {label,5}.
    {line,[{location,"op_try_case_end.erl",5}]}.
    {func_info,{atom,op_try_case_end},{atom,g},1}.
  {label,6}.
    {allocate,1,1}.
    {'try',{y,0},{f,7}}.
    {call,1,{f,10}}. % h/1
    {'%',{var_info,{x,0},[{type,{t_atom,[never,one,two]}}]}}.
    {try_end,{y,0}}.
    {deallocate,1}.
    return.
  {label,7}.
    {try_case,{y,0}}.
    {test,is_eq_exact,
          {f,8},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,caught},{x,1}]}}.
    {deallocate,1}.
    return.
  {label,8}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.


{function, h, 1, 10}.
  {label,9}.
    {line,[{location,"op_try_case_end.erl",6}]}.
    {func_info,{atom,op_try_case_end},{atom,h},1}.
  {label,10}.
    {allocate,1,1}.
    {'try',{y,0},{f,13}}.
    {call,1,{f,2}}. % id/1
    {try_end,{y,0}}.
    {select_val,{x,0},{f,14},{list,[{integer,1},{f,12},{integer,2},{f,11}]}}.
  {label,11}.
    {move,{atom,two},{x,0}}.
    {deallocate,1}.
    return.
  {label,12}.
    {move,{atom,one},{x,0}}.
    {deallocate,1}.
    return.
  {label,13}.
    {try_case,{y,0}}.
    {move,{atom,never},{x,0}}.
    {deallocate,1}.
    return.
  {label,14}.
    {line,[{scope,[2]},{location,"op_try_case_end.erl",6}]}.
    {try_case_end,{x,0}}.


{function, module_info, 0, 16}.
  {label,15}.
    {line,[]}.
    {func_info,{atom,op_try_case_end},{atom,module_info},0}.
  {label,16}.
    {move,{atom,op_try_case_end},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 18}.
  {label,17}.
    {line,[]}.
    {func_info,{atom,op_try_case_end},{atom,module_info},1}.
  {label,18}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_try_case_end},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 20}.
  {label,19}.
    {line,[{location,"op_try_case_end.erl",4}]}.
    {func_info,{atom,op_try_case_end},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,20}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_integer,{1,3}},nil}}]}}.
    {test,is_nonempty_list,{f,21},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % g/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_union,
                     {t_atom,[never,one,two]},
                     none,none,
                     [{{2,{t_atom,[caught]}},
                       {t_tuple,2,true,#{1 => {t_atom,[caught]}}}}],
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,20}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[never,one,two]},
                         none,none,
                         [{{2,{t_atom,[caught]}},
                           {t_tuple,2,true,#{1 => {t_atom,[caught]}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,21}.
    return.
