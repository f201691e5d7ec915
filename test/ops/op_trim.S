%% op_trim: runs the trim instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_trim}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 14}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_trim.erl",3}]}.
    {func_info,{atom,op_trim},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_trim.erl",4}]}.
    {func_info,{atom,op_trim},{atom,start},0}.
  {label,4}.
    {move,{literal,[{1,2},{a,b}]},{x,0}}.
    {call_only,1,{f,12}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_trim.erl",5}]}.
    {func_info,{atom,op_trim},{atom,f},2}.
  {label,6}.
    {allocate,1,2}.
    {move,{x,1},{y,0}}.
    {call,1,{f,2}}. % id/1
    {swap,{y,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {swap,{y,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,2}}. % id/1
    {move,{y,0},{x,0}}.
    {init_yregs,{list,[{y,0}]}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,0}}.
    {move,{atom,x},{x,0}}.
    {call,1,{f,2}}. % id/1
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0}]}}.
    {deallocate,1}.
    return.


{function, module_info, 0, 8}.
  {label,7}.
    {line,[]}.
    {func_info,{atom,op_trim},{atom,module_info},0}.
  {label,8}.
    {move,{atom,op_trim},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_trim},{atom,module_info},1}.
  {label,10}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_trim},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 12}.
  {label,11}.
    {line,[{location,"op_trim.erl",4}]}.
    {func_info,{atom,op_trim},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,12}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,none,none,none,
                         [{{2,{t_atom,[a]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[a]},2 => {t_atom,[b]}}}},
                          {{2,{t_integer,{1,1}}},
                           {t_tuple,2,true,
                               #{1 => {t_integer,{1,1}},
                                 2 => {t_integer,{2,2}}}}}],
                         none},
                     nil}}]}}.
    {test,is_nonempty_list,{f,13},[{x,0}]}.
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
    {'%',{var_info,{x,0},[{type,{t_tuple,2,true,#{}}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,12}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,{t_tuple,2,true,#{}},nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,13}.
    return.
