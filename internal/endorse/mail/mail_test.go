package mail

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"mime"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is what the in-process server got.
type received struct {
	mu         sync.Mutex
	tls        []bool
	user, from string
	to         []string
	data       []byte
}

type backend struct{ r *received }

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	_, isTLS := c.TLSConnectionState()
	b.r.mu.Lock()
	b.r.tls = append(b.r.tls, isTLS)
	b.r.mu.Unlock()
	return &session{r: b.r, tls: isTLS}, nil
}

type session struct {
	r   *received
	tls bool
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "mailer" || pass != "s3cret" {
			return errors.New("bad credentials")
		}
		s.r.user = user
		return nil
	}), nil
}
func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.r.from = from; return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.r.to = append(s.r.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	s.r.data = data
	return err
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

// selfSigned is a certificate for 127.0.0.1 and the pool that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

func startServer(t *testing.T, withTLS bool) (*received, int, *x509.CertPool) {
	r := &received{}
	srv := smtp.NewServer(backend{r})
	srv.Domain = "127.0.0.1"
	var pool *x509.CertPool
	if withTLS {
		var cert tls.Certificate
		cert, pool = selfSigned(t)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return r, l.Addr().(*net.TCPAddr).Port, pool
}

var msg = Message{From: "Concord <endorse@concord.example>", To: "ada@acme.example", Subject: "请确认 your endorsement", Text: "Follow the link:\nhttps://endorse.example/confirm?t=abc\n", Lang: "en"}

func TestSMTPWithSTARTTLSAndLogin(t *testing.T) {
	r, port, pool := startServer(t, true)
	s := &SMTP{Host: "127.0.0.1", Port: port, User: "mailer", Password: "s3cret", TLS: &tls.Config{ServerName: "127.0.0.1", RootCAs: pool}}
	if err := s.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	if r.user != "mailer" || r.from != "endorse@concord.example" || len(r.to) != 1 || r.to[0] != "ada@acme.example" {
		t.Errorf("server got user %q from %q to %q", r.user, r.from, r.to)
	}
	parsed, err := mail.ReadMessage(strings.NewReader(string(r.data)))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(parsed.Header.Get("Subject"))
	if subject != msg.Subject {
		t.Errorf("subject %q, want %q", subject, msg.Subject)
	}
	body, _ := io.ReadAll(parsed.Body)
	if !strings.Contains(string(body), "https://endorse.example/confirm?t=3Dabc") {
		t.Errorf("body lacks the link (quoted-printable):\n%s", body)
	}
}

func TestSMTPRefusesAServerWithoutSTARTTLS(t *testing.T) {
	r, port, _ := startServer(t, false)
	s := &SMTP{Host: "127.0.0.1", Port: port, User: "mailer", Password: "s3cret"}
	err := s.Send(context.Background(), msg)
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("sent without TLS: %v", err)
	}
	if r.data != nil || r.user != "" {
		t.Errorf("the password or message went out in clear text")
	}
}

func TestPlainOnlyToLoopback(t *testing.T) {
	s := &SMTP{Host: "192.0.2.1", Port: 25, InsecurePlain: true}
	if err := s.Send(context.Background(), msg); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("clear text to a remote relay: %v", err)
	}
}

func TestHeaderInjectionRefused(t *testing.T) {
	bad := msg
	bad.To = "ada@acme.example\r\nBcc: all@example.org"
	if err := (Dir{Path: t.TempDir()}).Send(context.Background(), bad); err == nil {
		t.Error("a line break in To was written")
	}
}

func TestDirWritesReadableEML(t *testing.T) {
	dir := t.TempDir()
	if err := (Dir{Path: dir}).Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("%d .eml files", len(files))
	}
	data, _ := os.ReadFile(files[0])
	parsed, err := mail.ReadMessage(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	if parsed.Header.Get("To") != msg.To || parsed.Header.Get("Content-Language") != "en" {
		t.Errorf("headers %v", parsed.Header)
	}
}
