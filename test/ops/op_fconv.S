%% op_fconv: runs the fconv instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_fconv}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 15}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_fconv.erl",3}]}.
    {func_info,{atom,op_fconv},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_fconv.erl",4}]}.
    {func_info,{atom,op_fconv},{atom,start},0}.
  {label,4}.
    {move,{literal,[{1.5,2},{3,0.25},{1180591620717411303424,1.0}]},{x,0}}.
    {call_only,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_fconv.erl",5}]}.
    {func_info,{atom,op_fconv},{atom,f},2}.
  {label,6}.
    {test,is_float,{f,7},[{x,0}]}.
    {fmove,{x,0},{fr,0}}.
    {fconv,{x,1},{fr,1}}.
    {bif,fmul,{f,0},[{fr,0},{fr,1}],{fr,0}}.
    {test_heap,{alloc,[{words,0},{floats,1},{funs,0}]},0}.
    {fmove,{fr,0},{x,0}}.
    {gc_bif,'+',{f,0},1,[{tr,{x,0},number},{integer,1}],{x,0}}.
    return.
  {label,7}.
    {test,is_float,{f,5},[{x,1}]}.
    {line,[{location,"op_fconv.erl",6}]}.
    {fconv,{x,0},{fr,0}}.
    {fmove,{x,1},{fr,1}}.
    {bif,fmul,{f,0},[{fr,0},{fr,1}],{fr,0}}.
    {fmove,{float,2.0},{fr,1}}.
    {bif,fsub,{f,0},[{fr,0},{fr,1}],{fr,0}}.
    {test_heap,{alloc,[{words,0},{floats,1},{funs,0}]},0}.
    {fmove,{fr,0},{x,0}}.
    return.


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_fconv},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_fconv},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_fconv},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_fconv},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 13}.
  {label,12}.
    {line,[{location,"op_fconv.erl",4}]}.
    {func_info,{atom,op_fconv},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,13}.
    {'%',
     {var_info,
      {x,0},
      [{type,
        {t_list,
         {t_union,none,none,none,
          [{{2,{t_float,{1.5,1.5}}},
            {t_tuple,2,true,
             #{1 => {t_float,{1.5,1.5}},2 => {t_integer,{2,2}}}}},
           {{2,{t_integer,{3,3}}},
            {t_tuple,2,true,
             #{1 => {t_integer,{3,3}},2 => {t_float,{0.25,0.25}}}}},
           {{2,{t_integer,{1180591620717411303424,1180591620717411303424}}},
            {t_tuple,2,true,
             #{1 =>
                {t_integer,{1180591620717411303424,1180591620717411303424}},
               2 => {t_float,{1.0,1.0}}}}}],
          none},
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
    {'%',{var_info,{x,0},[{type,number}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,number,nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,14}.
    return.
