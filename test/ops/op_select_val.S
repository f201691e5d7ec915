%% op_select_val: runs the select_val instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_select_val}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 22}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_select_val.erl",3}]}.
    {func_info,{atom,op_select_val},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_select_val.erl",4}]}.
    {func_info,{atom,op_select_val},{atom,start},0}.
  {label,4}.
    {move,{literal,[a,b,c,d,1,2,3,4.0,"x"]},{x,0}}.
    {call_only,1,{f,20}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_select_val.erl",5}]}.
    {func_info,{atom,op_select_val},{atom,f},1}.
  {label,6}.
    {test,is_atom,{f,10},[{x,0}]}.
    {select_val,{x,0},
                {f,14},
                {list,[{atom,a},{f,9},{atom,b},{f,8},{atom,c},{f,7}]}}.
  {label,7}.
    {move,{integer,3},{x,0}}.
    return.
  {label,8}.
    {move,{integer,2},{x,0}}.
    return.
  {label,9}.
    {move,{integer,1},{x,0}}.
    return.
  {label,10}.
    {select_val,{x,0},
                {f,14},
                {list,[{integer,1},
                       {f,13},
                       {integer,2},
                       {f,12},
                       {integer,3},
                       {f,11}]}}.
  {label,11}.
    {move,{atom,three},{x,0}}.
    return.
  {label,12}.
    {move,{atom,two},{x,0}}.
    return.
  {label,13}.
    {move,{atom,one},{x,0}}.
    return.
  {label,14}.
    {move,{atom,other},{x,0}}.
    return.


{function, module_info, 0, 16}.
  {label,15}.
    {line,[]}.
    {func_info,{atom,op_select_val},{atom,module_info},0}.
  {label,16}.
    {move,{atom,op_select_val},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 18}.
  {label,17}.
    {line,[]}.
    {func_info,{atom,op_select_val},{atom,module_info},1}.
  {label,18}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_select_val},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 20}.
  {label,19}.
    {line,[{location,"op_select_val.erl",4}]}.
    {func_info,{atom,op_select_val},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,20}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[a,b,c,d]},
                         {t_cons,{t_integer,{120,120}},nil},
                         number,none,none},
                     nil}}]}}.
    {test,is_nonempty_list,{f,21},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',{var_info,{x,0},
                   [{type,{t_union,{t_atom,[one,other,three,two]},
                                   none,
                                   {t_integer,{1,3}},
                                   none,none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,20}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[one,other,three,two]},
                         none,
                         {t_integer,{1,3}},
                         none,none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,21}.
    return.
