package org.ndio.serve.neurodata;

/** A token naming a project; public tokens are served without a key. */
record NdToken(String name, String project, int isPublic) {}
