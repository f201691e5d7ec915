%% op_badmatch: runs the badmatch instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_badmatch}.  %% version = 0

{exports, [{g,1},{h,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 19}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_badmatch.erl",3}]}.
    {func_info,{atom,op_badmatch},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_badmatch.erl",4}]}.
    {func_info,{atom,op_badmatch},{atom,start},0}.
  {label,4}.
    {move,{literal,[{ok,1},{error,2},foo]},{x,0}}.
    {call_only,1,{f,17}}. % '-start/0-lc$^0/1-0-'/1


{function, g, 1, 6}.
  {label,5}.
    {line,[{location,"op_badmatch.erl",5}]}.
    {func_info,{atom,op_badmatch},{atom,g},1}.
  {label,6}.
    {allocate,1,1}.
    {'try',{y,0},{f,7}}.
    {call,1,{f,10}}. % h/1
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
    {line,[{location,"op_badmatch.erl",6}]}.
    {func_info,{atom,op_badmatch},{atom,h},1}.
  {label,10}.
    {test,is_tagged_tuple,{f,11},[{x,0},2,{atom,ok}]}.
    {get_tuple_element,{x,0},1,{x,0}}.
    return.
  {label,11}.
    {badmatch,{x,0}}.


{function, module_info, 0, 13}.
  {label,12}.
    {line,[]}.
    {func_info,{atom,op_badmatch},{atom,module_info},0}.
  {label,13}.
    {move,{atom,op_badmatch},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 15}.
  {label,14}.
    {line,[]}.
    {func_info,{atom,op_badmatch},{atom,module_info},1}.
  {label,15}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_badmatch},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 17}.
  {label,16}.
    {line,[{location,"op_badmatch.erl",4}]}.
    {func_info,{atom,op_badmatch},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,17}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[foo]},
                         none,none,
                         [{{2,{t_atom,[error]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[error]},
                                 2 => {t_integer,{2,2}}}}},
                          {{2,{t_atom,[ok]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[ok]},2 => {t_integer,{1,1}}}}}],
                         none},
                     nil}}]}}.
    {test,is_nonempty_list,{f,18},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % g/1
    {swap,{y,0},{x,0}}.
    {call,1,{f,17}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,any,nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,18}.
    return.
