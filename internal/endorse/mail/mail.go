// Package mail sends the endorsement service's emails: through an SMTP
// server with STARTTLS in production, or as .eml files in a folder in
// development and tests, where the local outbox page lists them.
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"net/smtp"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Message is a plain-text email.
type Message struct {
	From, To, Subject, Text string
	// Lang is the language of the text (a BCP 47 tag, Content-Language).
	Lang string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Format writes m as an RFC 5322 message: UTF-8 text, quoted-printable,
// the subject as an encoded word.
func Format(m Message, now time.Time) ([]byte, error) {
	for _, h := range []string{m.From, m.To, m.Subject} {
		// A line break in a header would start a header of the sender's
		// choosing (a Bcc:, say).
		if strings.ContainsAny(h, "\r\n") {
			return nil, errors.New("mail: line break in a header")
		}
	}
	id := make([]byte, 12)
	rand.Read(id)
	domain := "localhost"
	if at := strings.LastIndexByte(m.From, '@'); at >= 0 {
		domain = strings.Trim(m.From[at+1:], "> ")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@%s>\r\nMIME-Version: 1.0\r\n",
		m.From, m.To, mime.QEncoding.Encode("utf-8", m.Subject), now.Format(time.RFC1123Z), hex.EncodeToString(id), domain)
	if m.Lang != "" {
		fmt.Fprintf(&b, "Content-Language: %s\r\n", m.Lang)
	}
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	w := quotedprintable.NewWriter(&b)
	w.Write([]byte(strings.ReplaceAll(m.Text, "\n", "\r\n")))
	w.Close()
	return b.Bytes(), nil
}

// Dir writes each message as a .eml file into a folder.
type Dir struct{ Path string }

func (d Dir) Send(_ context.Context, m Message) error {
	now := time.Now().UTC()
	data, err := Format(m, now)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return err
	}
	suffix := make([]byte, 4)
	rand.Read(suffix)
	// Named by time, so a listing sorted by name is the order sent; the
	// temporary name keeps a reader from seeing half a message.
	name := fmt.Sprintf("%s-%s.eml", now.Format("20060102T150405.000000000"), hex.EncodeToString(suffix))
	tmp := filepath.Join(d.Path, "."+name)
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(d.Path, name))
}

// SMTP sends through a mail server. STARTTLS is required unless
// InsecurePlain is set, which only a server on a loopback address accepts
// (a relay on the same machine).
type SMTP struct {
	Host          string
	Port          int
	User          string
	Password      string
	InsecurePlain bool
	// TLS, if not nil, replaces the default TLS configuration (tests trust
	// their own certificate with it).
	TLS *tls.Config
}

// SMTPFromEnv reads ENDORSE_SMTP_HOST, _PORT (default 587), _USER,
// _PASSWORD and _TLS ("starttls", the default, or "none" for a relay on
// loopback). It returns nil when ENDORSE_SMTP_HOST is unset.
func SMTPFromEnv() (*SMTP, error) {
	host := os.Getenv("ENDORSE_SMTP_HOST")
	if host == "" {
		return nil, nil
	}
	s := &SMTP{Host: host, Port: 587, User: os.Getenv("ENDORSE_SMTP_USER"), Password: os.Getenv("ENDORSE_SMTP_PASSWORD")}
	if p := os.Getenv("ENDORSE_SMTP_PORT"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return nil, fmt.Errorf("ENDORSE_SMTP_PORT %q is not a port number", p)
		}
		s.Port = n
	}
	switch os.Getenv("ENDORSE_SMTP_TLS") {
	case "", "starttls":
	case "none":
		s.InsecurePlain = true
	default:
		return nil, fmt.Errorf("ENDORSE_SMTP_TLS %q: use starttls or none", os.Getenv("ENDORSE_SMTP_TLS"))
	}
	return s, s.check()
}

func (s *SMTP) check() error {
	if !s.InsecurePlain {
		return nil
	}
	ips, err := net.LookupIP(s.Host)
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("mail: ENDORSE_SMTP_TLS=none sends in clear text; allowed only to a loopback relay, not %s", s.Host)
		}
	}
	return nil
}

func (s *SMTP) Send(ctx context.Context, m Message) error {
	if err := s.check(); err != nil {
		return err
	}
	data, err := Format(m, time.Now().UTC())
	if err != nil {
		return err
	}
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	} else {
		conn.SetDeadline(time.Now().Add(time.Minute))
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: %w", err)
	}
	defer c.Close()
	if !s.InsecurePlain {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return fmt.Errorf("mail: %s does not offer STARTTLS; refusing to send the message and password in clear text", addr)
		}
		cfg := s.TLS
		if cfg == nil {
			cfg = &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("mail: STARTTLS: %w", err)
		}
	}
	if s.User != "" {
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, s.Host)); err != nil {
			return fmt.Errorf("mail: login: %w", err)
		}
	}
	if err := c.Mail(address(m.From)); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if err := c.Rcpt(address(m.To)); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	return c.Quit()
}

// address is the bare address of "Name <a@b>".
func address(s string) string {
	if i := strings.LastIndexByte(s, '<'); i >= 0 {
		return strings.TrimSuffix(s[i+1:], ">")
	}
	return s
}

// Read parses a message as Format writes it, for the outbox page and tests.
func Read(data []byte) (Message, error) {
	parsed, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return Message{}, err
	}
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(parsed.Header.Get("Subject"))
	if err != nil {
		return Message{}, err
	}
	body, err := io.ReadAll(quotedprintable.NewReader(parsed.Body))
	if err != nil {
		return Message{}, err
	}
	return Message{From: parsed.Header.Get("From"), To: parsed.Header.Get("To"), Subject: subject,
		Text: strings.ReplaceAll(string(body), "\r\n", "\n"), Lang: parsed.Header.Get("Content-Language")}, nil
}
