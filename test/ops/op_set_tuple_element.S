%% op_set_tuple_element: runs the set_tuple_element instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_set_tuple_element}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 15}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_set_tuple_element.erl",3}]}.
    {func_info,{atom,op_set_tuple_element},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_set_tuple_element.erl",5}]}.
    {func_info,{atom,op_set_tuple_element},{atom,start},0}.
  {label,4}.
    {move,{literal,[{{r,1,2,3,4,undefined,undefined,undefined,undefined,
                        undefined,undefined,undefined,undefined,undefined,
                        undefined,undefined,undefined},
                     7},
                    {{r,undefined,undefined,undefined,undefined,undefined,
                        undefined,undefined,undefined,undefined,undefined,
                        undefined,undefined,undefined,undefined,undefined,
                        undefined},
                     x}]},
          {x,0}}.
    {call_only,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_set_tuple_element.erl",6}]}.
    {func_info,{atom,op_set_tuple_element},{atom,f},2}.
  {label,6}.
    {test,is_tagged_tuple,{f,7},[{x,0},17,{atom,r}]}.
    {allocate,1,2}.
    {move,{x,1},{y,0}}.
    {move,{x,1},{x,2}}.
    {move,{x,0},{x,1}}.
    {move,{integer,17},{x,0}}.
    {call_ext,3,{extfunc,erlang,setelement,3}}.
    {set_tuple_element,{y,0},{x,0},3}.
    {set_tuple_element,{y,0},{x,0},1}.
    {deallocate,1}.
    return.
  {label,7}.
    {badrecord,{x,0}}.


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_set_tuple_element},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_set_tuple_element},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_set_tuple_element},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_set_tuple_element},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 13}.
  {label,12}.
    {line,[{location,"op_set_tuple_element.erl",5}]}.
    {func_info,{atom,op_set_tuple_element},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,13}.
    {'%',
     {var_info,
      {x,0},
      [{type,
        {t_list,
         {t_tuple,2,true,
          #{1 =>
             {t_tuple,17,true,
              #{1 => {t_atom,[r]},
                2 =>
                 {t_union,
                  {t_atom,[undefined]},
                  none,
                  {t_integer,{1,1}},
                  none,none},
                3 =>
                 {t_union,
                  {t_atom,[undefined]},
                  none,
                  {t_integer,{2,2}},
                  none,none},
                4 =>
                 {t_union,
                  {t_atom,[undefined]},
                  none,
                  {t_integer,{3,3}},
                  none,none},
                5 =>
                 {t_union,
                  {t_atom,[undefined]},
                  none,
                  {t_integer,{4,4}},
                  none,none},
                6 => {t_atom,[undefined]},
                7 => {t_atom,[undefined]},
                8 => {t_atom,[undefined]},
                9 => {t_atom,[undefined]},
                10 => {t_atom,[undefined]},
                11 => {t_atom,[undefined]},
                12 => {t_atom,[undefined]}}},
            2 => {t_union,{t_atom,[x]},none,{t_integer,{7,7}},none,none}}},
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
    {'%',{var_info,{x,0},[{type,{t_tuple,17,true,#{1 => {t_atom,[r]}}}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},
                   [{type,{t_list,{t_tuple,17,true,#{1 => {t_atom,[r]}}},
                                  nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,14}.
    return.
