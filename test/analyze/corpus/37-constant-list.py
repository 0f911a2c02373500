# expect: constant-list
_HOP_BY_HOP_HEADERS = [
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
    "te", "trailers", "transfer-encoding", "upgrade",
]

def is_hop_by_hop(header):
    return header.lower() in _HOP_BY_HOP_HEADERS
