/** The hub's AsyncAPI document, served by the console as YAML, as JSON and as a page. */
@NullMarked
package com.example.hub.console.contract;

import org.jspecify.annotations.NullMarked;
