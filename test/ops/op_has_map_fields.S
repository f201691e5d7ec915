%% op_has_map_fields: runs the has_map_fields instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_has_map_fields}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 16}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_has_map_fields.erl",3}]}.
    {func_info,{atom,op_has_map_fields},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_has_map_fields.erl",4}]}.
    {func_info,{atom,op_has_map_fields},{atom,start},0}.
  {label,4}.
    {move,{literal,[#{a => 0,b => 0},#{a => 0},#{},x]},{x,0}}.
    {call_only,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_has_map_fields.erl",5}]}.
    {func_info,{atom,op_has_map_fields},{atom,f},1}.
  {label,6}.
    {test,is_map,{f,8},[{x,0}]}.
    {test,has_map_fields,{f,8},{x,0},{list,[{atom,a}]}}.
    {test,has_map_fields,{f,7},{x,0},{list,[{atom,b}]}}.
    {move,{atom,both},{x,0}}.
    return.
  {label,7}.
    {move,{atom,a_only},{x,0}}.
    return.
  {label,8}.
    {move,{atom,neither},{x,0}}.
    return.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_has_map_fields},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_has_map_fields},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_has_map_fields},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_has_map_fields},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_has_map_fields.erl",4}]}.
    {func_info,{atom,op_has_map_fields},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,14}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[x]},
                         none,none,none,
                         {t_map,{t_atom,[a,b]},{t_integer,{0,0}}}},
                     nil}}]}}.
    {test,is_nonempty_list,{f,15},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_atom,[a_only,both,neither]}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},
                   [{type,{t_list,{t_atom,[a_only,both,neither]},nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,15}.
    return.
