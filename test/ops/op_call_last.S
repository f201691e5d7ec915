%% op_call_last: runs the call_last instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_call_last}.  %% version = 0

{exports, [{g,2},{h,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 14}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_call_last.erl",3}]}.
    {func_info,{atom,op_call_last},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_call_last.erl",4}]}.
    {func_info,{atom,op_call_last},{atom,start},0}.
  {label,4}.
    {allocate,2,0}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {move,{integer,4},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,1}}.
    {move,{atom,x},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{y,1},{x,0}}.
    {init_yregs,{list,[{y,1}]}}.
    {call,2,{f,6}}. % g/2
    {'%',
     {var_info,
      {x,0},
      [{type,
        {t_union,none,
         {t_cons,any,nil},
         none,
         {t_tuple,2,true,
          #{1 => number,
            2 =>
             {t_union,none,
              {t_cons,any,nil},
              none,
              {t_tuple,2,true,
               #{1 => number,
                 2 =>
                  {t_union,none,
                   {t_cons,any,nil},
                   none,
                   {t_tuple,2,true,
                    #{1 => number,
                      2 =>
                       {t_union,none,
                        {t_cons,any,nil},
                        none,
                        {t_tuple,2,true,
                         #{1 => number,
                           2 =>
                            {t_union,none,
                             {t_cons,any,any},
                             none,
                             {t_tuple,0,false,#{}},
                             none}}},
                        none}}},
                   none}}},
              none}}},
         none}}]}}.
    {move,{x,0},{y,1}}.
    {move,{integer,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{y,0}}.
    {move,{atom,y},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{y,0},{x,0}}.
    {trim,1,1}.
    {call,2,{f,6}}. % g/2
    {'%',
     {var_info,
      {x,0},
      [{type,
        {t_union,none,
         {t_cons,any,nil},
         none,
         {t_tuple,2,true,
          #{1 => number,
            2 =>
             {t_union,none,
              {t_cons,any,nil},
              none,
              {t_tuple,2,true,
               #{1 => number,
                 2 =>
                  {t_union,none,
                   {t_cons,any,nil},
                   none,
                   {t_tuple,2,true,
                    #{1 => number,
                      2 =>
                       {t_union,none,
                        {t_cons,any,nil},
                        none,
                        {t_tuple,2,true,
                         #{1 => number,
                           2 =>
                            {t_union,none,
                             {t_cons,any,any},
                             none,
                             {t_tuple,0,false,#{}},
                             none}}},
                        none}}},
                   none}}},
              none}}},
         none}}]}}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0}]}}.
    {deallocate,1}.
    return.


{function, g, 2, 6}.
  {label,5}.
    {line,[{location,"op_call_last.erl",5}]}.
    {func_info,{atom,op_call_last},{atom,g},2}.
  {label,6}.
    {test,is_eq_exact,{f,7},[{x,0},{integer,0}]}.
    {test_heap,2,2}.
    {put_list,{x,1},nil,{x,0}}.
    return.
  {label,7}.
    {allocate,1,2}.
    {move,{x,1},{y,0}}.
    {line,[{location,"op_call_last.erl",6}]}.
    {call,1,{f,2}}. % id/1
    {move,{y,0},{x,1}}.
    {call_last,2,{f,9},1}. % h/2


{function, h, 2, 9}.
  {label,8}.
    {line,[{location,"op_call_last.erl",7}]}.
    {func_info,{atom,op_call_last},{atom,h},2}.
  {label,9}.
    {gc_bif,'-',{f,0},2,[{x,0},{integer,1}],{x,2}}.
    {allocate,1,3}.
    {move,{x,0},{y,0}}.
    {move,{x,2},{x,0}}.
    {call,2,{f,6}}. % g/2
    {'%',
     {var_info,
      {x,0},
      [{type,
        {t_union,none,
         {t_cons,any,nil},
         none,
         {t_tuple,2,true,
          #{1 => number,
            2 =>
             {t_union,none,
              {t_cons,any,nil},
              none,
              {t_tuple,2,true,
               #{1 => number,
                 2 =>
                  {t_union,none,
                   {t_cons,any,nil},
                   none,
                   {t_tuple,2,true,
                    #{1 => number,
                      2 =>
                       {t_union,none,
                        {t_cons,any,nil},
                        none,
                        {t_tuple,2,true,
                         #{1 => number,
                           2 =>
                            {t_union,none,
                             {t_cons,any,any},
                             none,
                             {t_tuple,0,false,#{}},
                             none}}},
                        none}}},
                   none}}},
              none}}},
         none}}]}}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{y,0},{x,0}]}}.
    {deallocate,1}.
    return.


{function, module_info, 0, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_call_last},{atom,module_info},0}.
  {label,11}.
    {move,{atom,op_call_last},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 13}.
  {label,12}.
    {line,[]}.
    {func_info,{atom,op_call_last},{atom,module_info},1}.
  {label,13}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_call_last},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.
