/** Odoo's product events, as the producer publishes them and every subscriber reads them. */
@NullMarked
package com.example.hub.messaging.odoo;

import org.jspecify.annotations.NullMarked;
