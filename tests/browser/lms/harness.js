/* The test LMS: launch(opts) creates the SCORM API of one standard with scorm-again
   (window.API = new Scorm12API(...) or window.API_1484_11 = new Scorm2004API(...)),
   preloads the learner's data with loadFromJSON, then opens the package's launch page in a
   frame (or, with opts.popup, a new window). What the course does is recorded:
     lms.calls      every API call: [function, arguments..., result]
     lms.committed  the data model as of the last successful Commit / Terminate: what a real
                    LMS would have stored on its server
   and each Initialize / Commit / Terminate is also passed to window.lmsEvent when the test
   exposed one, and logged in this origin's localStorage ("lms-events"), which outlives the
   page: a call made while the LMS page itself goes away is still seen. */
"use strict";
window.lms = {
  calls: [],
  committed: null,
  launch: function (opts) {
    var twelve = opts.standard === "scorm12";
    var api = twelve ? new window.Scorm12API({ logLevel: 5 }) : new window.Scorm2004API({ logLevel: 5 });
    api.loadFromJSON(opts.data || {});
    var snapshot = function () { return JSON.parse(JSON.stringify(api.cmi)); };
    var names = twelve
      ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]
      : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"];
    names.forEach(function (name, i) {
      var real = api[name].bind(api);
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var result = real.apply(null, args);
        window.lms.calls.push([name].concat(args, [result]));
        if (i !== 2 && i !== 3) {
          if (result === "true" && (i === 1 || i === 4)) window.lms.committed = snapshot();
          if (window.lmsEvent) window.lmsEvent(name, result, window.lms.committed);
          var log = JSON.parse(localStorage.getItem("lms-events") || "[]");
          log.push({ name: name, result: result, committed: window.lms.committed });
          localStorage.setItem("lms-events", JSON.stringify(log));
        }
        return result;
      };
    });
    window.lms.api = api;
    window[twelve ? "API" : "API_1484_11"] = api;
    if (opts.popup) {
      window.lms.popup = window.open(opts.src, "course");
      return;
    }
    var frame = document.createElement("iframe");
    frame.id = "sco";
    frame.title = "Course";
    frame.style.width = "1000px";
    frame.style.height = "700px";
    frame.src = opts.src;
    document.getElementById("player").appendChild(frame);
  },
  /* The LMS closes the course: the frame is removed (its pages get pagehide). */
  close: function () {
    var f = document.getElementById("sco");
    if (f) f.remove();
  },
  live: function () { return JSON.parse(JSON.stringify(window.lms.api.cmi)); },
  state: function () {
    var api = window.lms.api;
    return { initialized: api.isInitialized(), terminated: api.isTerminated(), calls: window.lms.calls, committed: window.lms.committed, live: window.lms.live() };
  }
};
