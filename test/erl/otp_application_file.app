{application, otp_application_file,
 [{description, "an application from its .app file"},
  {vsn, "2.0"},
  {modules, [otp_application]},
  {registered, [otp_app_file_sup]},
  {applications, [kernel, stdlib]},
  {mod, {otp_application, [otp_app_file_sup]}},
  {env, [{size, 42}]}]}.
