# expect: string-concat-in-loop
class Reader:
    def __init__(self, sock):
        self.sock = sock
        self._buffer = bytes()

    def read(self, size):
        while len(self._buffer) < size:
            self._buffer += self.sock.recv(size - len(self._buffer))
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data
