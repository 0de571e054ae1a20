#!/usr/bin/env node
import '../dist/metasift.bundle.mjs';
