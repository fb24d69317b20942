package org.ndio.serve;

/**
 * The endpoints of one datastore protocol, answered from state kept under a root directory.
 * Handlers are called concurrently; they answer every request, including malformed ones, with
 * the status and error body the real service would give.
 */
public interface ProtocolHandler {

  Reply handle(Call call) throws Exception;
}
