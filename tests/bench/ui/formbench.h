#pragma once

// ivcap-ui-bench form: how long a form generated from a large JSON Schema takes to build.
int runFormBench(int fields, int runs);
